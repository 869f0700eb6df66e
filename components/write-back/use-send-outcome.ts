"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useEffect, useRef, useState } from "react";
import type { FieldPath, UseFormReturn } from "react-hook-form";
import { discardDraftAction, sendWriteBack } from "@/app/calls/[id]/actions";
import { keepOutcome, onOutboxEvent, refreshWaiting } from "@/components/device/device-state";
import { dropDeviceDraft, type OutboxItem, readDevice, removeOutboxItem } from "@/lib/device/store";
import type { WriteBackFormValues } from "@/lib/write-back/form-schema";
import { outcomeFields } from "@/lib/write-back/outcome-fields";
import type { WriteBackStatus } from "@/lib/write-back/status-view";
import type { ConflictInfo } from "@/lib/write-back/submit";
import { newSubmissionId } from "./new-submission-id";
import type { Notice } from "./outcome-notice";
import type { useDraftAutosave } from "./use-draft-autosave";
import { useWriteBackStatus } from "./write-back-status";

const formFields: readonly string[] = [...outcomeFields, "submissionId", "timeZone", "baseVersion", "reason"];
const isFormField = (key: string): key is FieldPath<WriteBackFormValues> => formFields.includes(key);

/**
 * Sending the form: a submission id made once per submission (kept across a retry, so a
 * resend never writes back twice), the agent's zone, the action's answer turned into field
 * errors, a conflict to decide, a notice, or a write-back followed live until final.
 */
export function useSendOutcome(input: {
  callRecordId: number;
  /** Whose device keeps an outcome that cannot be sent now. */
  userId: number;
  form: UseFormReturn<WriteBackFormValues>;
  drafts: ReturnType<typeof useDraftAutosave>;
  requireReason: boolean;
  pending: WriteBackStatus | null;
  /** After a write-back was recorded (accepted, queued or not), with its status. */
  onSent?: (status: WriteBackStatus) => void;
}) {
  const { callRecordId, userId, form, drafts, requireReason } = input;
  const { setValue, getValues, setError, handleSubmit } = form;
  const t = useTranslations("callPage.form");
  const td = useTranslations("device");
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [tracked, setTracked] = useState<WriteBackStatus | null>(input.pending);
  const { status, follow } = useWriteBackStatus(callRecordId, tracked);
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const onValid = async (values: WriteBackFormValues) => {
    setNotice(null);
    if (requireReason && !values.reason?.trim()) {
      setError("reason", { type: "required", message: t("reasonRequired") });
      return;
    }
    // A save still waiting would land after this submit and keep a draft that is sent.
    drafts.cancel();
    let result: Awaited<ReturnType<typeof sendWriteBack>>;
    try {
      result = await sendWriteBack(callRecordId, values);
    } catch {
      // No answer: the server or the network is away, or the answer was lost on the way
      // back. The outcome is kept on this device with its submission id and sent when the
      // server answers; had the server recorded it, the same id makes that send a repeat
      // it answers without recording twice.
      const kept = await keepOutcome(
        callRecordId,
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined ? "" : String(v)])),
      ).catch(() => null);
      if (!kept) {
        setNotice({ tone: "error", title: t("lostTitle"), action: t("lostAction") });
        return;
      }
      drafts.sent();
      setValue("submissionId", "");
      setValue("reason", "");
      setTracked(null);
      setNotice(waitingNotice);
      return;
    }
    if (result.ok) {
      drafts.sent();
      setConflict(null);
      setValue("baseVersion", result.version);
      setValue("submissionId", "");
      setValue("reason", "");
      setTracked(result.status);
      input.onSent?.(result.status);
      // The outcome is on screen; the history and badge follow without holding it up.
      startTransition(() => router.refresh());
      return;
    }
    for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (isFormField(key) && messages?.[0]) setError(key, { type: "server", message: messages[0] });
    }
    if ("conflict" in result && result.conflict) {
      // Nothing was recorded: a fresh id for whichever send comes next.
      setValue("submissionId", "");
      setConflict(result.conflict);
      return;
    }
    setNotice({ tone: "error", title: result.message });
  };

  const waitingNotice: Notice = {
    tone: "info",
    title: td("waitingOnDevice"),
    action: td("waitingOnDeviceAction"),
  };

  /**
   * An outcome this device kept for this call and could not send as it stood (someone
   * else changed the call meanwhile, or it was refused): it goes back in the form and is
   * sent again through the form's own path, so the conflict or the field errors show as
   * for any send, and nothing is overwritten silently.
   */
  const takeBack = async (item: OutboxItem) => {
    await removeOutboxItem(userId, item.seq);
    await refreshWaiting();
    for (const [key, value] of Object.entries(item.values)) {
      if (key === "baseVersion" && /^\d+$/.test(value)) setValue("baseVersion", Number(value));
      else if (isFormField(key)) setValue(key, value);
    }
    setNotice(null);
    formRef.current?.requestSubmit();
  };
  const takeBackRef = useRef(takeBack);
  takeBackRef.current = takeBack;
  const waitingRef = useRef(waitingNotice);
  waitingRef.current = waitingNotice;

  // What waits on this device for this call: said on the page, and followed until sent.
  useEffect(() => {
    let alive = true;
    void readDevice(userId)
      .then(({ outbox }) => {
        const mine = outbox.filter((i) => i.callId === callRecordId);
        if (!alive || mine.length === 0) return;
        const decide = mine.find((i) => i.state !== "waiting");
        if (decide) void takeBackRef.current(decide);
        else setNotice(waitingRef.current);
      })
      .catch(() => undefined);
    const stop = onOutboxEvent(({ item, result }) => {
      if (item.callId !== callRecordId || !result) return;
      if (result.ok) {
        setNotice(null);
        setValue("baseVersion", result.version);
        setTracked(result.status);
        startTransition(() => router.refresh());
      } else
        void takeBackRef.current({ ...item, state: result.code === "conflict" ? "conflict" : "refused" });
    });
    return () => {
      alive = false;
      stop();
    };
  }, [userId, callRecordId, setValue, router]);

  const sending = useRef(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The disabled button stops clicks; this stops a second Enter in the same tick.
    if (sending.current) return;
    sending.current = true;
    // Made here, not on the server render: one id per submission, kept across a retry.
    if (!getValues("submissionId")) setValue("submissionId", newSubmissionId());
    setValue("timeZone", Intl.DateTimeFormat().resolvedOptions().timeZone);
    try {
      await handleSubmit(onValid)(event);
    } finally {
      sending.current = false;
    }
  };

  /** Send mine on the version someone else made. */
  const applyMine = () => {
    if (!conflict) return;
    setValue("baseVersion", conflict.currentVersion);
    setConflict(null);
    formRef.current?.requestSubmit();
  };
  /** Drop my draft and show theirs. */
  const discardMine = async () => {
    drafts.cancel();
    await discardDraftAction(callRecordId);
    // The device's copy goes too, or the reload would put it back as the newer draft.
    await dropDeviceDraft(userId, callRecordId).catch(() => undefined);
    window.location.reload();
  };

  return { formRef, submit, notice, status, follow, conflict, applyMine, discardMine };
}
