"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useMemo, useRef, useState } from "react";
import { Controller, type FieldPath, type Resolver, useForm, useWatch } from "react-hook-form";
import { keepWriteBackWithoutScript } from "@/app/calls/[id]/actions";
import { ShortcutsHelp } from "@/components/shortcuts/shortcuts-help";
import { Kbd, keyCaps, keys, useShortcut } from "@/components/shortcuts/use-shortcut";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Catalogue } from "@/lib/catalogue-schema";
import type { LocalizedQuickOutcome } from "@/lib/catalogue-text";
import type { Translate } from "@/lib/validation/messages";
import type { WriteBackFormValues } from "@/lib/write-back/form-schema";
import { toLocalInputValue } from "@/lib/write-back/local-input";
import type { OutcomeJson } from "@/lib/write-back/outcome";
import { codeMeanings } from "@/lib/write-back/outcome-fields";
import { quickOutcomeValues } from "@/lib/write-back/quick-outcome";
import type { WriteBackStatus } from "@/lib/write-back/status-view";
import { ConflictPanel } from "./conflict-panel";
import { type DialAction, DialButton, QuickOutcomes } from "./desk-controls";
import { FailCodeCombobox, type FailCodeOption } from "./fail-code-combobox";
import { type DraftView, formDefaults } from "./form-defaults";
import { FetchTime, Field, FieldError } from "./form-parts";
import { NextCallBar, useNextCall, WrapUpTimer } from "./next-call";
import { OutcomeNotice } from "./outcome-notice";
import { TimeField } from "./time-field";
import { useDraftAutosave } from "./use-draft-autosave";
import { useSendOutcome } from "./use-send-outcome";

export type { DraftView } from "./form-defaults";

type Props = {
  callRecordId: number;
  /** The signed-in user, whose device keeps drafts and outcomes while the server is away. */
  userId: number;
  version: number;
  phoneNumbers: string[];
  fetchTime: string;
  /** The catalogue's codes in the user's language (failure codes with their search keys) and its rules. */
  options: Pick<Catalogue, "statuses" | "deviceTypes" | "defaultDeviceType" | "asrSuggestions" | "rules"> & {
    failCodes: FailCodeOption[];
  };
  /** The call's recorded outcome (lib/write-back/outcome.ts). */
  stored: OutcomeJson;
  /** The user's unsent draft for this call, restored over the stored outcome. */
  draft: DraftView | null;
  /** Supervisors and admins correct with a reason, which is then required. */
  requireReason: boolean;
  /** The call's latest write-back while it is still on its way, followed live after a reload. */
  pending: WriteBackStatus | null;
  /** The catalogue's one-key outcomes, labelled in the user's language. */
  quickOutcomes: LocalizedQuickOutcome[];
  /** What "Dial" does besides stamping the start (DIAL_ACTION). */
  dialAction: DialAction;
  /** Where "back" goes (key B). */
  backHref: string;
  /**
   * The agent's desk: next call, auto-advance, and the form read-only once iSales has
   * accepted (`accepted`: the call's outcome was accepted and no draft is open). null for
   * supervisors, who correct from the review.
   */
  desk: {
    accepted: boolean;
    autoAdvance: boolean;
    /** The agent's next open call of their own, known as the page rendered (null: none). */
    nextCallId: number | null;
  } | null;
};

/** The form's validation (zod, the resolver, the schema), loaded after the first paint. */
const validation = () => import("./form-validation");

/** next-intl's typed `t` of the namespace as the messages module takes it (keys made there). */
const validationT =
  (t: ReturnType<typeof useTranslations<"validation">>): Translate =>
  (key, values) =>
    (t as unknown as Translate)(key, values);

/** The agent's outcome for one call, written back to iSales on submit. */
export function WriteBackForm(props: Props) {
  const { callRecordId, version, phoneNumbers, fetchTime, options, stored, draft, requireReason } = props;
  const t = useTranslations("callPage.form");
  const tf = useTranslations("callPage.fields");
  const td = useTranslations("device");
  const ids = useId();
  const fid = (name: string) => `${ids}-${name}`;
  // The form's `action` for the browser's own submission, before the script has loaded or
  // with none: it sends nothing, keeps the values as a draft and says why (see the action).
  // With the script, `submit` below always prevents that submission and sends itself.
  const [withoutScript, withoutScriptAction] = useActionState(keepWriteBackWithoutScript, null);

  const tv = useTranslations("validation");
  const meanings = useMemo(() => codeMeanings(options), [options]);
  // The same schema the server parses with (./form-validation.ts), fetched once the form is
  // on screen; a validation asked for before it has come waits for it.
  useEffect(() => void validation(), []);
  const resolver = useMemo((): Resolver<WriteBackFormValues> => {
    let built: Resolver<WriteBackFormValues> | undefined;
    return async (values, context, resolverOptions) => {
      built ??= (await validation()).writeBackResolver(
        options,
        { fetchTime: new Date(fetchTime), phoneNumbers },
        validationT(tv),
      );
      return built(values, context, resolverOptions);
    };
  }, [options, fetchTime, phoneNumbers, tv]);
  const form = useForm<WriteBackFormValues>({
    resolver,
    defaultValues: formDefaults({
      stored,
      draft,
      version,
      phoneNumbers,
      defaultDeviceType: options.defaultDeviceType,
    }),
  });
  const { register, control, setValue, formState } = form;
  const { errors, isSubmitting, isSubmitted } = formState;
  const drafts = useDraftAutosave(callRecordId, props.userId, form, draft);
  const { desk } = props;
  const router = useRouter();
  const next = useNextCall(callRecordId, desk?.nextCallId ?? null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const dialRef = useRef<HTMLAnchorElement & HTMLButtonElement>(null);
  const [autoAdvance, setAutoAdvance] = useState(desk?.autoAdvance ?? false);
  const [changing, setChanging] = useState(false);
  const [sentOnce, setSentOnce] = useState(false);
  const [withDates, setWithDates] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // Marks the form live (its keys and handlers attached), for tests and the bench.
  const hydrated = useHydrated();
  const onSent = (sent: WriteBackStatus) => {
    setChanging(false);
    setSentOnce(true);
    // Focus goes on, never to the page's body: to "Next call" (Enter takes it), or for a
    // supervisor to what iSales answered.
    const target = desk ? nextRef.current : outcomeRef.current;
    target?.focus();
    // The next call's page is fetched while the agent looks at the answer: Enter opens it at once.
    if (desk) next.prefetch();
    if (desk && autoAdvance && sent.state !== "attention") void next.go();
  };
  const { formRef, submit, notice, status, follow, conflict, applyMine, discardMine } = useSendOutcome({
    callRecordId,
    userId: props.userId,
    form,
    drafts,
    requireReason,
    pending: props.pending,
    onSent,
  });
  // Read-only once iSales accepted, until the agent chooses "Change outcome".
  const accepted = status ? status.state === "accepted" : (desk?.accepted ?? false);
  const locked = desk !== null && accepted && !changing;
  const [statusValue, failCodeValue, endValue, phoneValue] = useWatch({
    control,
    name: ["status", "failCode", "endCallTime", "phoneNumber"],
  });

  // Stored times are instants; only the browser knows the agent's zone to show them in.
  const restored = draft?.values ?? {};
  useEffect(() => {
    if (stored.writeStartTime && restored.writeStartTime === undefined)
      setValue("writeStartTime", toLocalInputValue(new Date(stored.writeStartTime)));
    if (stored.endCallTime && restored.endCallTime === undefined)
      setValue("endCallTime", toLocalInputValue(new Date(stored.endCallTime)));
  }, [stored.writeStartTime, stored.endCallTime, restored.writeStartTime, restored.endCallTime, setValue]);

  const set = (field: FieldPath<WriteBackFormValues>, value: string) =>
    setValue(field, value, { shouldDirty: true, shouldValidate: isSubmitted });
  const stamp = (field: "writeStartTime" | "endCallTime") => {
    set(field, toLocalInputValue(new Date()));
    drafts.schedule();
  };
  /** Dialling starts a new attempt: its start is now, and an end from before goes. */
  const dialled = () => {
    if (locked) return;
    set("writeStartTime", toLocalInputValue(new Date()));
    if (form.getValues("endCallTime") !== "") set("endCallTime", "");
    drafts.schedule();
  };
  const pickQuick = (q: LocalizedQuickOutcome) => {
    if (locked) return;
    const values = quickOutcomeValues(q, form.getValues(), toLocalInputValue(new Date()));
    for (const [field, value] of Object.entries(values)) set(field as FieldPath<WriteBackFormValues>, value);
    drafts.schedule();
  };
  const changeOutcome = () => {
    setChanging(true);
    // After the fields are enabled again.
    requestAnimationFrame(() => document.getElementById(fid("status"))?.focus());
  };

  // The desk's keys (components/shortcuts): none while the ? list is open.
  const live = !helpOpen;
  useShortcut(keys.dial, () => (locked ? undefined : dialRef.current?.click()), live && !locked);
  useShortcut(keys.stampStart, () => stamp("writeStartTime"), live && !locked);
  useShortcut(keys.stampEnd, () => stamp("endCallTime"), live && !locked);
  useShortcut(
    "1,2,3,4,5,6,7,8,9",
    (e) => {
      const q = props.quickOutcomes.find((o) => String(o.key) === e.key);
      if (q) pickQuick(q);
    },
    live && !locked,
  );
  useShortcut(keys.send, () => formRef.current?.requestSubmit(), live && !locked);
  useShortcut(keys.next, () => void next.go(), live && desk !== null);
  useShortcut(keys.back, () => router.push(props.backHref), live);
  useShortcut(keys.search, () => document.getElementById(fid("failCode"))?.focus(), live && !locked);

  const errorId = (name: string) => `${fid(name)}-error`;
  const errorOf = (name: FieldPath<WriteBackFormValues>) => errors[name]?.message;
  /** The id, label, error and screen-reader wiring of one control. */
  const field = (name: FieldPath<WriteBackFormValues>) => ({
    label: tf(name as "status"),
    htmlFor: fid(name),
    error: errorOf(name),
    errorId: errorId(name),
  });
  const a11y = (name: FieldPath<WriteBackFormValues>) => ({
    id: fid(name),
    "aria-invalid": errorOf(name) ? true : undefined,
    "aria-describedby": errorId(name),
  });
  const hiddenErrors = (["submissionId", "timeZone", "baseVersion"] as const)
    .map((n) => errorOf(n))
    .filter((m): m is string => Boolean(m));
  const codeOptions = (list: readonly { code: string | number; label: string }[]) => [
    <option key="" value="">
      {t("notSet")}
    </option>,
    ...list.map((o) => (
      <option key={o.code} value={String(o.code)}>
        {t("codeOption", { label: o.label, code: String(o.code) })}
      </option>
    )),
  ];
  const timeField = (
    name: "writeStartTime" | "endCallTime",
    stampLabel: string,
    key: "stampStart" | "stampEnd",
  ) => (
    <Field {...field(name)}>
      <div className="flex gap-2">
        <Controller
          control={control}
          name={name}
          render={({ field: f }) => (
            <TimeField
              id={fid(name)}
              name={f.name}
              value={f.value}
              onChange={f.onChange}
              onBlur={f.onBlur}
              inputRef={f.ref}
              withDate={withDates}
              invalid={Boolean(errorOf(name))}
              describedBy={errorId(name)}
            />
          )}
        />
        <Button onClick={() => stamp(name)} aria-keyshortcuts={keys[key].toUpperCase()}>
          {stampLabel} <Kbd>{keyCaps[key]}</Kbd>
        </Button>
      </div>
    </Field>
  );

  return (
    <form
      ref={formRef}
      action={withoutScriptAction}
      onSubmit={submit}
      noValidate
      className="space-y-5"
      aria-label={t("label")}
      data-hydrated={hydrated || undefined}
    >
      <noscript>
        <Notice tone="warning" live={false} title={t("noScript")} />
      </noscript>
      {withoutScript ? (
        <div role="alert">
          <Notice tone="warning" live={false} title={withoutScript.message} />
        </div>
      ) : null}
      <input type="hidden" name="callRecordId" value={callRecordId} />
      <input type="hidden" {...register("submissionId")} />
      <input type="hidden" {...register("timeZone")} />
      <input type="hidden" {...register("baseVersion")} />

      <div className="flex flex-wrap items-center justify-between gap-2">
        {locked ? (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm" data-testid="read-only">
              {t("readOnly")}
            </p>
            <Button onClick={changeOutcome}>{t("changeOutcome")}</Button>
          </div>
        ) : (
          <DialButton
            number={phoneValue || phoneNumbers[0] || ""}
            action={props.dialAction}
            onDial={dialled}
            linkRef={dialRef}
          />
        )}
        <ShortcutsHelp
          onOpenChange={setHelpOpen}
          rows={[
            { name: "dial", text: "dial" },
            { name: "stampStart", text: "stampStart" },
            { name: "stampEnd", text: "stampEnd" },
            { name: "quick", text: "quick" },
            { name: "send", text: "send" },
            ...(desk ? [{ name: "next", text: "next" } as const] : []),
            { name: "back", text: "back" },
            { name: "search", text: "search" },
            { name: "help", text: "help" },
          ]}
        />
      </div>

      <fieldset disabled={locked} className="min-w-0 space-y-5">
        <QuickOutcomes
          outcomes={props.quickOutcomes}
          current={{ status: statusValue, failCode: failCodeValue }}
          onPick={pickQuick}
        />

        <div className="grid gap-x-6 gap-y-3 md:grid-cols-2">
          <Field {...field("status")}>
            <Select {...register("status")} {...a11y("status")}>
              {codeOptions(options.statuses)}
            </Select>
          </Field>

          <Field {...field("failCode")}>
            <Controller
              control={control}
              name="failCode"
              render={({ field: f }) => (
                <FailCodeCombobox
                  id={fid("failCode")}
                  name={f.name}
                  value={f.value}
                  inputRef={f.ref}
                  onChange={f.onChange}
                  onBlur={f.onBlur}
                  options={options.failCodes}
                  invalid={Boolean(errorOf("failCode"))}
                  describedBy={errorId("failCode")}
                />
              )}
            />
          </Field>

          <Field {...field("asrResult")}>
            <Input
              type="text"
              list={fid("asr-suggestions")}
              autoComplete="off"
              {...register("asrResult")}
              {...a11y("asrResult")}
            />
            <datalist id={fid("asr-suggestions")}>
              {options.asrSuggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Field>

          <Field {...field("deviceType")}>
            <Select {...register("deviceType")} {...a11y("deviceType")}>
              {codeOptions(options.deviceTypes)}
            </Select>
          </Field>

          <fieldset
            className="space-y-1"
            aria-describedby={errorId("phoneNumber")}
            aria-invalid={errorOf("phoneNumber") ? true : undefined}
          >
            <legend className="text-sm font-medium">{tf("phoneNumber")}</legend>
            <div className="flex flex-wrap gap-x-5 gap-y-1">
              {phoneNumbers.map((n) => (
                <label key={n} className="flex items-center gap-2 font-mono">
                  <input type="radio" value={n} {...register("phoneNumber")} />
                  {n}
                </label>
              ))}
            </div>
            <FieldError id={errorId("phoneNumber")} message={errorOf("phoneNumber")} />
          </fieldset>

          <Field {...field("callId")}>
            <Input type="text" autoComplete="off" {...register("callId")} {...a11y("callId")} />
          </Field>

          <FetchTime label={tf("fetchTime")} iso={fetchTime} />

          <div className="flex items-end">
            <Button
              size="sm"
              variant="ghost"
              aria-pressed={withDates}
              onClick={() => setWithDates((v) => !v)}
            >
              {withDates ? t("hideDates") : t("showDates")}
            </Button>
          </div>
          {timeField("writeStartTime", t("stampStart"), "stampStart")}
          {timeField("endCallTime", t("stampEnd"), "stampEnd")}
        </div>

        {requireReason ? (
          <Field {...field("reason")} label={t("reasonLabel")}>
            <Textarea rows={2} {...register("reason")} {...a11y("reason")} />
          </Field>
        ) : null}

        {hiddenErrors.length > 0 ? (
          <p className="text-sm font-medium text-danger-fg">
            {t("hiddenErrors", { errors: hiddenErrors.join(" ") })}
          </p>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-center gap-4">
        {locked ? null : (
          <Button
            type="submit"
            variant="primary"
            pending={isSubmitting}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            {isSubmitting ? t("sending") : requireReason ? t("sendCorrection") : t("send")}{" "}
            <Kbd>{keyCaps.send}</Kbd>
          </Button>
        )}
        <p className="text-sm text-muted" aria-live="polite" data-testid="draft-state">
          {drafts.state === "idle"
            ? ""
            : drafts.state === "device"
              ? td("savedOnDevice")
              : t(`draft.${drafts.state}`)}
          {drafts.state === "saved" && drafts.savedAt ? (
            <span className="sr-only">
              {" "}
              {t.rich("draft.at", { at: () => <LocalTime iso={drafts.savedAt ?? ""} /> })}
            </span>
          ) : null}
        </p>
      </div>

      {!sentOnce && !locked && endValue ? <WrapUpTimer end={endValue} /> : null}

      {desk ? (
        <NextCallBar
          next={next}
          buttonRef={nextRef}
          autoAdvance={autoAdvance}
          onAutoAdvance={setAutoAdvance}
        />
      ) : null}

      {conflict ? (
        <ConflictPanel conflict={conflict} onApply={applyMine} onDiscard={discardMine} meanings={meanings} />
      ) : null}
      <div ref={outcomeRef} tabIndex={-1} className="outline-none">
        <OutcomeNotice notice={notice} status={status} />
        {follow}
      </div>
    </form>
  );
}
