/**
 * The outcome's fields, in the order the form shows them and the history lists them, and
 * what the browser needs to show them. On their own (no imports), so the messages, the
 * offline page and the call page's first load name them without the outcome's schema
 * (zod stays out of the page's first load: issue 12). lib/write-back/outcome.ts re-exports them.
 */
export const outcomeFields = [
  "status",
  "failCode",
  "asrResult",
  "deviceType",
  "phoneNumber",
  "callId",
  "writeStartTime",
  "endCallTime",
] as const;
export type OutcomeField = (typeof outcomeFields)[number];

export const isOutcomeField = (field: string): field is OutcomeField =>
  (outcomeFields as readonly string[]).includes(field);

export const timeFields = ["writeStartTime", "endCallTime"] as const satisfies readonly OutcomeField[];
export const isTimeField = (field: string): field is (typeof timeFields)[number] =>
  (timeFields as readonly string[]).includes(field);

/** What each coded field's codes mean, to show a code with its meaning ("5 Call failed"). */
export type CodeMeanings = Partial<Record<OutcomeField, Record<string, string>>>;

export function codeMeanings(catalogue: {
  statuses: readonly { code: string; label: string }[];
  failCodes: readonly { code: string; meaning: string }[];
  deviceTypes: readonly { code: number; label: string }[];
}): CodeMeanings {
  return {
    status: Object.fromEntries(catalogue.statuses.map((s) => [s.code, s.label])),
    failCode: Object.fromEntries(catalogue.failCodes.map((f) => [f.code, f.meaning])),
    deviceType: Object.fromEntries(catalogue.deviceTypes.map((d) => [String(d.code), d.label])),
  };
}
