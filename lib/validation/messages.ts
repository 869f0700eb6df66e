/**
 * Every validation message of the write-back rules and the text checks, in one place, so
 * that an i18n layer can later replace this module. Messages name the field and the rule in
 * plain words and never quote a value that could be personal data.
 */

export const textMessages = {
  nul: "must not contain a NUL character (character code 0)",
  control: "must not contain control characters",
  "line-break": "must be one line, without tabs, line breaks or control characters",
  surrogate: "contains a broken character (an unpaired UTF-16 surrogate)",
} as const;

export const jsonMessages = {
  tooDeep: (limit: number) => `is nested more than ${limit} levels deep`,
} as const;

export const fieldLabels = {
  submissionId: "Submission id",
  baseVersion: "Version",
  timeZone: "Time zone",
  status: "Call status",
  failCode: "Failure cause code",
  asrResult: "Detection result (ASR)",
  deviceType: "Device type",
  phoneNumber: "Number dialled",
  callId: "Call id",
  writeStartTime: "Call started",
  endCallTime: "Call ended",
  reason: "Reason for the change",
} as const;

export type LabelledField = keyof typeof fieldLabels;

const l = (field: LabelledField) => fieldLabels[field];

export const writeBackMessages = {
  submissionIdInvalid: `${l("submissionId")} must be a UUID`,
  baseVersionInvalid: `${l("baseVersion")}: must be a whole number of 0 or more (reload the page)`,
  timeZoneMissing: `${l("timeZone")} is missing`,
  timeZoneUnknown: `${l("timeZone")} is not a known IANA name`,
  tooLong: (field: LabelledField, max: number) => `${l(field)}: at most ${max} characters`,
  failCodeCharacters: `${l("failCode")}: letters and digits only`,
  deviceTypeFormat: `${l("deviceType")}: choose one from the list`,
  phoneMissing: `${l("phoneNumber")}: choose the number you called`,
  phoneCharacters: `${l("phoneNumber")}: only digits, * and #`,
  phoneNotOfCall: `${l("phoneNumber")}: choose one of this call's numbers`,
  callIdCharacters: `${l("callId")}: plain letters, digits and punctuation only`,
  timeFormat: (field: LabelledField) => `${l(field)}: enter a date and time`,

  statusRequired: `${l("status")}: choose what happened on the call`,
  statusUnlisted: `${l("status")}: choose one of the listed statuses`,
  failCodeUnlisted: `${l("failCode")}: not one of the listed codes; choose one from the list`,
  failCodeUnlistedFormat: (format: string) => `${l("failCode")}: a code that is not listed must be ${format}`,
  deviceTypeUnlisted: `${l("deviceType")}: choose one from the list`,
  requiredForStatus: (field: LabelledField, statusLabel: string) =>
    `${l(field)}: required when the call status is “${statusLabel}”`,
  failCodeOnly: (statusLabel: string, allowed: string) =>
    `${l("failCode")}: with the status “${statusLabel}” the code must be ${allowed}`,
  failCodeExcept: (statusLabel: string, refused: string) =>
    `${l("failCode")}: with the status “${statusLabel}” the code must not be ${refused}`,

  timeNotReal: (field: LabelledField) => `${l(field)}: this is not a real date and time`,
  timeGap: (field: LabelledField, zone: string) =>
    `${l(field)}: this time does not exist in ${zone} (the clocks jump forward over it); enter the time shown on the clock after the change`,
  timeAmbiguous: (field: LabelledField, zone: string) =>
    `${l(field)}: this time happens twice in ${zone} (the clocks go back); enter a time outside the repeated hour`,
  yearTooEarly: (field: LabelledField, earliest: number) =>
    `${l(field)}: the year must be four digits, ${earliest} or later`,
  tooLongBeforeFetch: (field: LabelledField, days: number) =>
    `${l(field)}: must not be more than ${days} day(s) before the call data was fetched`,
  inTheFuture: (field: LabelledField, minutes: number) =>
    `${l(field)}: must not be more than ${minutes} minute(s) after now`,
  endBeforeStart: `${l("endCallTime")}: must not be before the call started`,
  endWithoutStart: `${l("writeStartTime")}: stamp or enter when the call started`,
  callTooLong: (hours: number) => `${l("endCallTime")}: a call may not last more than ${hours} hour(s)`,

  reasonRequired: `${l("reason")}: say why you change this outcome`,
} as const;

/** Marking a call's outcome final (call/result), and what it then refuses. */
export const finalMessages = {
  noOutcome: "This call has no outcome yet: send one before marking it final.",
  alreadyFinal: "This call's outcome is already final.",
  agentMayNot:
    "An agent may not mark this outcome final (only a success or a number that cannot be reached): ask a supervisor.",
  agentAfterFinal: "This call's outcome is final: only a supervisor can change it now.",
  storedInvalid: (fields: string) =>
    `This call's outcome breaks the catalogue's rules (${fields}): correct it before marking it final.`,
} as const;
