"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useMemo } from "react";
import { Controller, type FieldPath, useForm } from "react-hook-form";
import { keepWriteBackWithoutScript } from "@/app/calls/[id]/actions";
import { Button } from "@/components/ui/button";
import { Input, Select, Textarea } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import type { Catalogue } from "@/lib/catalogue-schema";
import { type WriteBackFormValues, writeBackSchemaFor } from "@/lib/write-back/form-schema";
import { toLocalInputValue } from "@/lib/write-back/local-input";
import { codeMeanings, type OutcomeJson } from "@/lib/write-back/outcome";
import type { WriteBackStatus } from "@/lib/write-back/status-view";
import { ConflictPanel } from "./conflict-panel";
import { FailCodeCombobox, type FailCodeOption } from "./fail-code-combobox";
import { type DraftView, formDefaults } from "./form-defaults";
import { FetchTimeInput, Field, FieldError } from "./form-parts";
import { OutcomeNotice } from "./outcome-notice";
import { useDraftAutosave } from "./use-draft-autosave";
import { useSendOutcome } from "./use-send-outcome";

export type { DraftView } from "./form-defaults";

type Props = {
  callRecordId: number;
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
};

/** The agent's outcome for one call, written back to iSales on submit. */
export function WriteBackForm(props: Props) {
  const { callRecordId, version, phoneNumbers, fetchTime, options, stored, draft, requireReason } = props;
  const t = useTranslations("callPage.form");
  const tf = useTranslations("callPage.fields");
  const ids = useId();
  const fid = (name: string) => `${ids}-${name}`;
  // The form's `action` for the browser's own submission, before the script has loaded or
  // with none: it sends nothing, keeps the values as a draft and says why (see the action).
  // With the script, `submit` below always prevents that submission and sends itself.
  const [withoutScript, withoutScriptAction] = useActionState(keepWriteBackWithoutScript, null);

  const meanings = useMemo(() => codeMeanings(options), [options]);
  // The same schema the server parses with: the catalogue's codes and rules, this call.
  const schema = useMemo(
    () => writeBackSchemaFor(options, { fetchTime: new Date(fetchTime), phoneNumbers }),
    [options, fetchTime, phoneNumbers],
  );
  const form = useForm<WriteBackFormValues>({
    // raw: the action gets the values as typed and parses them itself.
    resolver: zodResolver(schema, undefined, { raw: true }),
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
  const drafts = useDraftAutosave(callRecordId, form, draft);
  const { formRef, submit, notice, status, conflict, applyMine, discardMine } = useSendOutcome({
    callRecordId,
    form,
    drafts,
    requireReason,
    pending: props.pending,
  });

  // Stored times are instants; only the browser knows the agent's zone to show them in.
  const restored = draft?.values ?? {};
  useEffect(() => {
    if (stored.writeStartTime && restored.writeStartTime === undefined)
      setValue("writeStartTime", toLocalInputValue(new Date(stored.writeStartTime)));
    if (stored.endCallTime && restored.endCallTime === undefined)
      setValue("endCallTime", toLocalInputValue(new Date(stored.endCallTime)));
  }, [stored.writeStartTime, stored.endCallTime, restored.writeStartTime, restored.endCallTime, setValue]);

  const stamp = (field: "writeStartTime" | "endCallTime") => {
    setValue(field, toLocalInputValue(new Date()), { shouldDirty: true, shouldValidate: isSubmitted });
    drafts.schedule();
  };

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
  const timeField = (name: "writeStartTime" | "endCallTime", stampLabel: string) => (
    <Field {...field(name)}>
      <div className="flex gap-2">
        <Input type="datetime-local" step={1} {...register(name)} {...a11y(name)} className="flex-1" />
        <Button onClick={() => stamp(name)}>{stampLabel}</Button>
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

        <Field label={tf("fetchTime")} htmlFor={fid("fetchTime")}>
          <FetchTimeInput id={fid("fetchTime")} iso={fetchTime} />
        </Field>

        <div className="hidden md:block" />
        {timeField("writeStartTime", t("stampStart"))}
        {timeField("endCallTime", t("stampEnd"))}
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

      <div className="flex items-center gap-4">
        <Button type="submit" variant="primary" pending={isSubmitting}>
          {isSubmitting ? t("sending") : requireReason ? t("sendCorrection") : t("send")}
        </Button>
        <p className="text-sm text-muted" aria-live="polite" data-testid="draft-state">
          {drafts.state === "idle" ? "" : t(`draft.${drafts.state}`)}
          {drafts.state === "saved" && drafts.savedAt ? (
            <span className="sr-only">
              {" "}
              {t.rich("draft.at", { at: () => <LocalTime iso={drafts.savedAt ?? ""} /> })}
            </span>
          ) : null}
        </p>
      </div>

      {conflict ? (
        <ConflictPanel conflict={conflict} onApply={applyMine} onDiscard={discardMine} meanings={meanings} />
      ) : null}
      <OutcomeNotice notice={notice} status={status} />
    </form>
  );
}
