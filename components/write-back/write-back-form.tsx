"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import {
  type FormEvent,
  type ReactNode,
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";
import { Controller, type FieldPath, useForm } from "react-hook-form";
import {
  discardDraftAction,
  keepWriteBackWithoutScript,
  saveDraftAction,
  sendWriteBack,
} from "@/app/calls/[id]/actions";
import { LocalTime } from "@/components/ui/local-time";
import type { Catalogue } from "@/lib/catalogue-schema";
import { writeBackMessages } from "@/lib/validation/messages";
import { type FieldChange, isTimeField } from "@/lib/write-back/diff";
import {
  type WriteBackFormValues,
  writeBackFieldNames,
  writeBackSchemaFor,
} from "@/lib/write-back/form-schema";
import { toLocalInputValue } from "@/lib/write-back/local-input";
import type { WriteBackStatus } from "@/lib/write-back/status-view";
import type { ConflictInfo } from "@/lib/write-back/submit";
import { FailCodeCombobox } from "./fail-code-combobox";
import { newSubmissionId } from "./new-submission-id";
import { useWriteBackStatus, WriteBackStatusView } from "./write-back-status";

/** What a draft may restore: the form's text values (see lib/drafts). */
export type DraftView = { values: Partial<Record<string, string>>; savedAt: string };

const DRAFT_DEBOUNCE_MS = 800;

/** Fields the user types into: a change to one of these is saved as a draft. */
const draftFields: readonly string[] = [...writeBackFieldNames, "reason"];

export type StoredOutcome = {
  status: string | null;
  failCode: string | null;
  asrResult: string | null;
  deviceType: number | null;
  phoneNumber: string | null;
  callId: string | null;
  writeStartTime: string | null;
  endCallTime: string | null;
};

type Props = {
  callRecordId: number;
  version: number;
  phoneNumbers: string[];
  fetchTime: string;
  options: Pick<
    Catalogue,
    "statuses" | "failCodes" | "deviceTypes" | "defaultDeviceType" | "asrSuggestions" | "rules"
  >;
  stored: StoredOutcome;
  /** The user's unsent draft for this call, restored over the stored outcome. */
  draft: DraftView | null;
  /** Supervisors and admins correct with a reason, which is then required. */
  requireReason: boolean;
  /** The call's latest write-back while it is still on its way, followed live after a reload. */
  pending: WriteBackStatus | null;
};

type Notice = {
  tone: "success" | "warning" | "error";
  title: string;
  action?: string;
  resultCode?: string | null;
  httpStatus?: number | null;
};

const toneClasses: Record<Notice["tone"], string> = {
  success: "border-green-700 bg-green-50 text-green-950",
  warning: "border-amber-700 bg-amber-50 text-amber-950",
  error: "border-red-700 bg-red-50 text-red-950",
};

const isFormField = (key: string): key is FieldPath<WriteBackFormValues> =>
  (writeBackFieldNames as readonly string[]).includes(key) ||
  key === "submissionId" ||
  key === "timeZone" ||
  key === "baseVersion" ||
  key === "reason";

/** The agent's outcome for one call, written back to iSales on submit. */
export function WriteBackForm({
  callRecordId,
  version,
  phoneNumbers,
  fetchTime,
  options,
  stored,
  draft,
  requireReason,
  pending,
}: Props) {
  const router = useRouter();
  const ids = useId();
  const fid = (name: string) => `${ids}-${name}`;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [tracked, setTracked] = useState<WriteBackStatus | null>(pending);
  const status = useWriteBackStatus(callRecordId, tracked);
  const [conflict, setConflict] = useState<ConflictInfo | null>(null);
  const [draftState, setDraftState] = useState<"idle" | "saving" | "saved" | "error">(
    draft ? "saved" : "idle",
  );
  const [draftSavedAt, setDraftSavedAt] = useState<string | null>(draft?.savedAt ?? null);
  const formRef = useRef<HTMLFormElement>(null);
  // The form's `action` for the browser's own submission, before the script has loaded or
  // with none: it sends nothing, keeps the values as a draft and says why (see the action).
  // With the script, `submit` below always prevents that submission and sends itself.
  const [withoutScriptState, withoutScriptAction] = useActionState(keepWriteBackWithoutScript, null);
  const restored = draft?.values ?? {};
  const draftBase = Number(restored.baseVersion ?? Number.NaN);

  // The same schema the server parses with: the catalogue's codes and rules, this call.
  const schema = useMemo(
    () => writeBackSchemaFor(options, { fetchTime: new Date(fetchTime), phoneNumbers }),
    [options, fetchTime, phoneNumbers],
  );
  const {
    register,
    control,
    handleSubmit,
    setValue,
    getValues,
    setError,
    watch,
    formState: { errors, isSubmitting, isSubmitted },
  } = useForm<WriteBackFormValues>({
    // raw: the action gets the values as typed and parses them itself.
    resolver: zodResolver(schema, undefined, { raw: true }),
    defaultValues: {
      submissionId: "",
      timeZone: "",
      // A draft keeps the version it was typed on: sending it after someone else's change
      // is then a conflict the user sees, never a silent overwrite.
      baseVersion: Number.isInteger(draftBase) ? draftBase : version,
      reason: "",
      status: stored.status ?? "",
      failCode: stored.failCode ?? "",
      asrResult: stored.asrResult ?? "",
      deviceType:
        stored.deviceType !== null
          ? String(stored.deviceType)
          : options.defaultDeviceType !== null
            ? String(options.defaultDeviceType)
            : "",
      phoneNumber:
        stored.phoneNumber && phoneNumbers.includes(stored.phoneNumber)
          ? stored.phoneNumber
          : (phoneNumbers[0] ?? ""),
      callId: stored.callId ?? "",
      writeStartTime: "",
      endCallTime: "",
      ...Object.fromEntries(
        Object.entries(restored).filter(([k, v]) => draftFields.includes(k) && typeof v === "string"),
      ),
    },
  });

  // Stored times are instants; only the browser knows the agent's zone to show them in.
  // A draft's times are already the agent's wall-clock text.
  useEffect(() => {
    if (stored.writeStartTime && restored.writeStartTime === undefined)
      setValue("writeStartTime", toLocalInputValue(new Date(stored.writeStartTime)));
    if (stored.endCallTime && restored.endCallTime === undefined)
      setValue("endCallTime", toLocalInputValue(new Date(stored.endCallTime)));
  }, [stored.writeStartTime, stored.endCallTime, restored.writeStartTime, restored.endCallTime, setValue]);

  // Drafts: every change the user makes is saved on the server, debounced.
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveDraftNow = useCallback(async () => {
    const v = getValues();
    const values: Record<string, string> = { baseVersion: String(v.baseVersion) };
    for (const k of draftFields) {
      const value = v[k as keyof WriteBackFormValues];
      if (typeof value === "string") values[k] = value;
    }
    setDraftState("saving");
    try {
      const result = await saveDraftAction(callRecordId, values);
      if (result.ok) setDraftSavedAt(result.savedAt);
      setDraftState(result.ok ? "saved" : "error");
    } catch {
      setDraftState("error");
    }
  }, [callRecordId, getValues]);
  const scheduleDraft = useCallback(() => {
    clearTimeout(draftTimer.current);
    setDraftState("saving");
    draftTimer.current = setTimeout(() => void saveDraftNow(), DRAFT_DEBOUNCE_MS);
  }, [saveDraftNow]);
  useEffect(() => {
    const subscription = watch((_values, { name, type }) => {
      if (type === "change" && name && draftFields.includes(name)) scheduleDraft();
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(draftTimer.current);
    };
  }, [watch, scheduleDraft]);

  const stamp = (field: "writeStartTime" | "endCallTime") => {
    setValue(field, toLocalInputValue(new Date()), { shouldDirty: true, shouldValidate: isSubmitted });
    scheduleDraft();
  };

  const onValid = async (values: WriteBackFormValues) => {
    setNotice(null);
    if (requireReason && !values.reason?.trim()) {
      setError("reason", {
        type: "required",
        message: writeBackMessages.reasonRequired,
      });
      return;
    }
    // A save still waiting would land after this submit and keep a draft that is sent.
    clearTimeout(draftTimer.current);
    let result: Awaited<ReturnType<typeof sendWriteBack>>;
    try {
      result = await sendWriteBack(callRecordId, values);
    } catch {
      // The answer was lost on the way back: the same submission id is kept so that
      // sending again cannot write back twice.
      setNotice({
        tone: "error",
        title: "Preview Desk did not answer, so it is not known whether your outcome was saved.",
        action: "Check your connection and press Send again: it will not be sent twice.",
      });
      return;
    }
    if (result.ok) {
      setConflict(null);
      setValue("baseVersion", result.version);
      setValue("submissionId", "");
      setValue("reason", "");
      setTracked(result.status);
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

  const applyMine = () => {
    if (!conflict) return;
    setValue("baseVersion", conflict.currentVersion);
    setConflict(null);
    formRef.current?.requestSubmit();
  };
  const discardMine = async () => {
    clearTimeout(draftTimer.current);
    await discardDraftAction(callRecordId);
    window.location.reload();
  };

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

  const errorId = (name: string) => `${fid(name)}-error`;
  const errorOf = (name: FieldPath<WriteBackFormValues>) => errors[name]?.message;
  const a11y = (name: FieldPath<WriteBackFormValues>) => ({
    id: fid(name),
    "aria-invalid": errorOf(name) ? true : undefined,
    "aria-describedby": errorId(name),
  });
  const fieldError = (name: FieldPath<WriteBackFormValues>) => (
    <p id={errorId(name)} className="min-h-5 text-sm font-medium text-red-800">
      {errorOf(name) ?? ""}
    </p>
  );

  const hiddenErrors = (["submissionId", "timeZone", "baseVersion"] as const)
    .map((n) => errorOf(n))
    .filter((m): m is string => Boolean(m));

  return (
    <form
      ref={formRef}
      action={withoutScriptAction}
      onSubmit={submit}
      noValidate
      className="space-y-5"
      aria-label="Write-back"
    >
      <noscript>
        <p className="rounded-md border-l-4 border-amber-700 bg-amber-50 p-4 text-amber-950">
          This form needs JavaScript to send an outcome to iSales. Turn JavaScript on and reload this page.
        </p>
      </noscript>
      {withoutScriptState ? (
        <p role="alert" className="rounded-md border-l-4 border-amber-700 bg-amber-50 p-4 text-amber-950">
          {withoutScriptState.message}
        </p>
      ) : null}
      <input type="hidden" name="callRecordId" value={callRecordId} />
      <input type="hidden" {...register("submissionId")} />
      <input type="hidden" {...register("timeZone")} />
      <input type="hidden" {...register("baseVersion")} />

      <div className="grid gap-x-6 gap-y-3 md:grid-cols-2">
        <Field label="Call status" htmlFor={fid("status")}>
          <select {...register("status")} {...a11y("status")} className="field">
            <option value="">Not set</option>
            {options.statuses.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label} ({s.code})
              </option>
            ))}
          </select>
          {fieldError("status")}
        </Field>

        <Field label="Failure cause code" htmlFor={fid("failCode")}>
          <Controller
            control={control}
            name="failCode"
            render={({ field }) => (
              <FailCodeCombobox
                id={fid("failCode")}
                name={field.name}
                value={field.value}
                inputRef={field.ref}
                onChange={field.onChange}
                onBlur={field.onBlur}
                options={options.failCodes}
                invalid={Boolean(errorOf("failCode"))}
                describedBy={errorId("failCode")}
              />
            )}
          />
          {fieldError("failCode")}
        </Field>

        <Field label="Detection result (ASR)" htmlFor={fid("asrResult")}>
          <input
            type="text"
            list={fid("asr-suggestions")}
            autoComplete="off"
            {...register("asrResult")}
            {...a11y("asrResult")}
            className="field"
          />
          <datalist id={fid("asr-suggestions")}>
            {options.asrSuggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {fieldError("asrResult")}
        </Field>

        <Field label="Device type" htmlFor={fid("deviceType")}>
          <select {...register("deviceType")} {...a11y("deviceType")} className="field">
            <option value="">Not set</option>
            {options.deviceTypes.map((d) => (
              <option key={d.code} value={String(d.code)}>
                {d.label} ({d.code})
              </option>
            ))}
          </select>
          {fieldError("deviceType")}
        </Field>

        <fieldset
          className="space-y-1"
          aria-describedby={errorId("phoneNumber")}
          aria-invalid={errorOf("phoneNumber") ? true : undefined}
        >
          <legend className="text-sm font-medium">Number dialled</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-1">
            {phoneNumbers.map((n) => (
              <label key={n} className="flex items-center gap-2 font-mono">
                <input type="radio" value={n} {...register("phoneNumber")} />
                {n}
              </label>
            ))}
          </div>
          {fieldError("phoneNumber")}
        </fieldset>

        <Field label="Call id" htmlFor={fid("callId")}>
          <input
            type="text"
            autoComplete="off"
            {...register("callId")}
            {...a11y("callId")}
            className="field"
          />
          {fieldError("callId")}
        </Field>

        <Field label="Call data fetched" htmlFor={fid("fetchTime")}>
          <FetchTimeInput id={fid("fetchTime")} iso={fetchTime} />
          <p className="min-h-5 text-sm text-slate-700">From the call's record; sent as it is.</p>
        </Field>

        <div className="hidden md:block" />

        <Field label="Call start time" htmlFor={fid("writeStartTime")}>
          <div className="flex gap-2">
            <input
              type="datetime-local"
              step={1}
              {...register("writeStartTime")}
              {...a11y("writeStartTime")}
              className="field flex-1"
            />
            <button type="button" className="button-secondary" onClick={() => stamp("writeStartTime")}>
              Call started
            </button>
          </div>
          {fieldError("writeStartTime")}
        </Field>

        <Field label="Call end time" htmlFor={fid("endCallTime")}>
          <div className="flex gap-2">
            <input
              type="datetime-local"
              step={1}
              {...register("endCallTime")}
              {...a11y("endCallTime")}
              className="field flex-1"
            />
            <button type="button" className="button-secondary" onClick={() => stamp("endCallTime")}>
              Call ended
            </button>
          </div>
          {fieldError("endCallTime")}
        </Field>
      </div>

      {requireReason ? (
        <Field label="Reason for the change (required)" htmlFor={fid("reason")}>
          <textarea rows={2} {...register("reason")} {...a11y("reason")} className="field" />
          {fieldError("reason")}
        </Field>
      ) : null}

      {hiddenErrors.length > 0 ? (
        <p className="text-sm font-medium text-red-800">
          {hiddenErrors.join(" ")} Reload the page and try again.
        </p>
      ) : null}

      <div className="flex items-center gap-4">
        <button type="submit" className="button-primary" disabled={isSubmitting} aria-disabled={isSubmitting}>
          {isSubmitting
            ? "Sending…"
            : requireReason
              ? "Save correction and send to iSales"
              : "Send to iSales"}
        </button>
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="draft-state">
          {draftState === "saving"
            ? "Saving…"
            : draftState === "saved"
              ? "Draft saved"
              : draftState === "error"
                ? "Draft not saved: check your connection"
                : ""}
          {draftState === "saved" && draftSavedAt ? (
            <span className="sr-only">
              {" "}
              at <LocalTime iso={draftSavedAt} />
            </span>
          ) : null}
        </p>
      </div>

      {conflict ? <ConflictPanel conflict={conflict} onApply={applyMine} onDiscard={discardMine} /> : null}

      <div aria-live="polite" aria-atomic="true" data-testid="write-back-outcome">
        {status && !notice ? <WriteBackStatusView status={status} /> : null}
        {notice ? (
          <div className={`rounded-md border-l-4 p-4 ${toneClasses[notice.tone]}`}>
            <p className="font-semibold">{notice.title}</p>
            {notice.action ? <p className="mt-1">{notice.action}</p> : null}
            {notice.resultCode != null || notice.httpStatus != null ? (
              <p className="mt-1 text-sm">
                {notice.resultCode != null ? <>iSales code: {notice.resultCode}</> : null}
                {notice.resultCode != null && notice.httpStatus != null ? " · " : null}
                {notice.httpStatus != null ? <>HTTP status: {notice.httpStatus}</> : null}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={htmlFor} className="text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Read-only: the browser shows the record's instant in the agent's own time. */
function FetchTimeInput({ id, iso }: { id: string; iso: string }) {
  const [value, setValue] = useState("");
  useEffect(() => setValue(toLocalInputValue(new Date(iso))), [iso]);
  return (
    <>
      <input
        id={id}
        name="fetchTime"
        type="datetime-local"
        step={1}
        readOnly
        value={value}
        className="field bg-slate-100"
        aria-describedby={`${id}-at`}
      />
      <span id={`${id}-at`} className="sr-only">
        <LocalTime iso={iso} />
      </span>
    </>
  );
}

function ShownValue({ field, value }: { field: string; value: string | number | null }) {
  if (value === null) return <em>empty</em>;
  if (isTimeField(field) && typeof value === "string") return <LocalTime iso={value} />;
  return <span className="font-mono">{value}</span>;
}

/** The changes between two versions, field by field. */
export function ChangeList({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <p className="text-sm">No field changed.</p>;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm">
      {changes.map((c) => (
        <li key={c.field}>
          {c.label}: <ShownValue field={c.field} value={c.before} /> →{" "}
          <ShownValue field={c.field} value={c.after} />
        </li>
      ))}
    </ul>
  );
}

function ConflictPanel({
  conflict,
  onApply,
  onDiscard,
}: {
  conflict: ConflictInfo;
  onApply: () => void;
  onDiscard: () => void;
}) {
  return (
    <div role="alert" className="space-y-2 rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-950">
      <p className="font-semibold">
        Someone else changed this call after you opened it
        {conflict.changedBy ? ` (${conflict.changedBy}` : ""}
        {conflict.changedAt ? (
          <>
            {conflict.changedBy ? ", " : " ("}
            <LocalTime iso={conflict.changedAt} />
          </>
        ) : null}
        {conflict.changedBy || conflict.changedAt ? ")" : ""}. Nothing of yours was saved yet.
      </p>
      <p>What they changed:</p>
      <ChangeList changes={conflict.changes} />
      <p>Your values are still in the form. Decide:</p>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="button-primary" onClick={onApply}>
          Send mine on the new version
        </button>
        <button type="button" className="button-secondary" onClick={onDiscard}>
          Discard mine and show theirs
        </button>
      </div>
    </div>
  );
}
