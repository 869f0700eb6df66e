/**
 * The outcome's fields, in the order the form shows them and the history lists them. On
 * their own (no imports), so the messages and the offline page can name them without the
 * outcome's schema.
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
