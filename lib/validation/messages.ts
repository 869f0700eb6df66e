import { createTranslator } from "use-intl/core";
import type { Locale } from "@/i18n/config";
import { outcomeFields } from "@/lib/write-back/outcome-fields";
import enValidation from "@/messages/en/validation.json";

/**
 * Every validation message of the write-back rules, the text checks and the final result,
 * in one place, in the user's language. The texts live in `messages/<locale>/validation.json`
 * (checked like every namespace: no key missing in either language); this module turns a
 * translator of that namespace into the messages the schemas use, so the ONE schema gives
 * Chinese messages in a Chinese browser (the form passes `useTranslations("validation")`)
 * and on the server for a Chinese user (lib/validation/messages-locale.ts), and English
 * everywhere else (the API, the command line, the logs, the tests): the exports below.
 * Messages name the field and the rule in plain words and never quote a value that could be
 * personal data.
 */

/** A translator of the "validation" namespace: next-intl's `t`, as its hooks and `createTranslator` give it. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const fieldKeys = ["submissionId", "baseVersion", "timeZone", ...outcomeFields, "reason"] as const;

export type LabelledField = (typeof fieldKeys)[number];
export type TextProblemKey = "nul" | "control" | "line-break" | "surrogate";

export function makeValidationMessages(t: Translate) {
  const fieldLabels = Object.fromEntries(fieldKeys.map((f) => [f, t(`fields.${f}`)])) as Record<
    LabelledField,
    string
  >;
  const l = (field: LabelledField) => fieldLabels[field];
  const wb = (key: string, field: LabelledField, values: Record<string, string | number> = {}) =>
    t(`writeBack.${key}`, { field: l(field), ...values });
  const textMessages: Record<TextProblemKey, string> = {
    nul: t("text.nul"),
    control: t("text.control"),
    "line-break": t("text.line-break"),
    surrogate: t("text.surrogate"),
  };
  return {
    fieldLabels,
    textMessages,
    /** "Label: message", for a text check that names its field. */
    labelled: (label: string, message: string) => t("text.labelled", { label, message }),
    jsonMessages: {
      tooDeep: (limit: number) => t("json.tooDeep", { limit }),
    },
    writeBackMessages: {
      submissionIdInvalid: wb("submissionIdInvalid", "submissionId"),
      baseVersionInvalid: wb("baseVersionInvalid", "baseVersion"),
      timeZoneMissing: wb("timeZoneMissing", "timeZone"),
      timeZoneUnknown: wb("timeZoneUnknown", "timeZone"),
      tooLong: (field: LabelledField, max: number) => wb("tooLong", field, { max }),
      failCodeCharacters: wb("failCodeCharacters", "failCode"),
      deviceTypeFormat: wb("deviceTypeFormat", "deviceType"),
      phoneMissing: wb("phoneMissing", "phoneNumber"),
      phoneCharacters: wb("phoneCharacters", "phoneNumber"),
      phoneNotOfCall: wb("phoneNotOfCall", "phoneNumber"),
      callIdCharacters: wb("callIdCharacters", "callId"),
      timeFormat: (field: LabelledField) => wb("timeFormat", field),

      statusRequired: wb("statusRequired", "status"),
      statusUnlisted: wb("statusUnlisted", "status"),
      failCodeUnlisted: wb("failCodeUnlisted", "failCode"),
      failCodeUnlistedFormat: (format: string) => wb("failCodeUnlistedFormat", "failCode", { format }),
      deviceTypeUnlisted: wb("deviceTypeUnlisted", "deviceType"),
      requiredForStatus: (field: LabelledField, statusLabel: string) =>
        wb("requiredForStatus", field, { status: statusLabel }),
      failCodeOnly: (statusLabel: string, allowed: string) =>
        wb("failCodeOnly", "failCode", { status: statusLabel, allowed }),
      failCodeExcept: (statusLabel: string, refused: string) =>
        wb("failCodeExcept", "failCode", { status: statusLabel, refused }),
      /** Codes joined as alternatives: "00129 (…) or 00209 (…)". */
      either: (items: readonly string[]) => items.join(` ${t("writeBack.or")} `),

      timeNotReal: (field: LabelledField) => wb("timeNotReal", field),
      timeGap: (field: LabelledField, zone: string) => wb("timeGap", field, { zone }),
      timeAmbiguous: (field: LabelledField, zone: string) => wb("timeAmbiguous", field, { zone }),
      yearTooEarly: (field: LabelledField, earliest: number) =>
        wb("yearTooEarly", field, { earliest: String(earliest) }),
      tooLongBeforeFetch: (field: LabelledField, days: number) => wb("tooLongBeforeFetch", field, { days }),
      inTheFuture: (field: LabelledField, minutes: number) => wb("inTheFuture", field, { minutes }),
      endBeforeStart: wb("endBeforeStart", "endCallTime"),
      endWithoutStart: wb("endWithoutStart", "writeStartTime"),
      callTooLong: (hours: number) => wb("callTooLong", "endCallTime", { hours }),

      reasonRequired: wb("reasonRequired", "reason"),
    },
    /** The send's own refusals (lib/write-back/submit.ts). */
    submit: {
      fixFields: t("submit.fixFields"),
      otherCall: t("submit.otherCall"),
      notFound: t("submit.notFound"),
      conflict: t("submit.conflict"),
    },
    /** Marking a call's outcome final (call/result), and what it then refuses. */
    finalMessages: {
      noOutcome: t("final.noOutcome"),
      alreadyFinal: t("final.alreadyFinal"),
      agentMayNot: t("final.agentMayNot"),
      agentAfterFinal: t("final.agentAfterFinal"),
      storedInvalid: (fields: readonly string[]) =>
        t("final.storedInvalid", { fields: fields.join(t("final.listSeparator")) }),
    },
  };
}

export type ValidationMessages = ReturnType<typeof makeValidationMessages>;

/** A translator of the namespace from its messages (next-intl's, so the ICU syntax is the same as the pages'). */
export function validationTranslator(locale: Locale, messages: typeof enValidation): Translate {
  const t = createTranslator({ locale, messages: { validation: messages }, namespace: "validation" });
  return (key, values) => (t as unknown as Translate)(key, values);
}

/** The English messages: the API's, the command line's, the logs' and the default of every schema. */
export const englishMessages: ValidationMessages = makeValidationMessages(
  validationTranslator("en", enValidation),
);

export const { fieldLabels, textMessages, jsonMessages, writeBackMessages, finalMessages } = englishMessages;
