import "@/lib/zod-browser";
import { z } from "zod/mini";
import { statusRuleFor } from "@/lib/catalogue-rules";
import type { Catalogue, RequirableField } from "@/lib/catalogue-schema";
import { englishMessages, type LabelledField, type ValidationMessages } from "@/lib/validation/messages";
import { safeTextMini } from "@/lib/validation/text-mini";
import { isTimeZone } from "@/lib/validation/time-zone";
import { localDateTimePattern, resolveLocalTime } from "./local-time";
import { type Outcome, outcomeFields } from "./outcome";

/**
 * The write-back form's one schema, built from the catalogue and the call, used by the
 * browser (zodResolver) and again by the server (lib/write-back/submit.ts), which trusts
 * nothing the browser checked. Values are what the controls hold: strings. Times are the
 * agent's wall-clock times (`yyyy-MM-ddTHH:mm[:ss]`, what <input type="datetime-local">
 * gives) with the browser's IANA time zone beside them; the schema turns them into instants
 * (refusing a time the zone skips or repeats), and the server formats them in
 * ISALES_TIME_ZONE. fetchTime is not here: it comes from the call's record.
 *
 * The outcome rules (catalogue `rules`): a status is required; status, failure code and
 * device type must be catalogue codes (unlisted failure codes only when the catalogue allows
 * them, in its format); each status requires its fields and goes with its failure codes;
 * times are real, unique in the zone, from `earliestYear`, not more than `maxDaysBeforeFetch`
 * days before the call data was fetched, not more than `maxMinutesInFuture` minutes after
 * now, the end not before the start and at most `maxCallHours` after it.
 */

export type WriteBackCatalogue = Pick<Catalogue, "statuses" | "failCodes" | "deviceTypes" | "rules">;

export type WriteBackContext = {
  /** When the call's data was fetched (the record's fetchTime). */
  fetchTime: Date;
  /** The numbers of the call: the one dialled must be one of them. */
  phoneNumbers: readonly string[];
  /** The clock for "not in the future"; `() => new Date()` by default. */
  now?: () => Date;
};

/** Field names of the form that map to interface fields, in the order they are shown. */
export const writeBackFieldNames = outcomeFields;

/** A non-negative integer given as a JSON number or a string of digits; nothing else. */
const nonNegativeInteger = (message: string) =>
  z.pipe(
    z.union([z.number(), z.string()], { error: message }),
    z.transform((value, ctx): number => {
      const n = typeof value === "number" ? value : /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < 0) {
        ctx.issues.push({ code: "custom", message, input: value });
        return z.NEVER;
      }
      return n;
    }),
  );

/** The form's fields, with their messages in one language (built once per language). */
function makeBaseSchema(messages: ValidationMessages) {
  const m = messages.writeBackMessages;
  const text = (field: LabelledField, options: { multiline?: boolean } = {}) =>
    safeTextMini(messages.fieldLabels[field], { ...options, messages });

  const localDateTime = (field: "writeStartTime" | "endCallTime") =>
    text(field).check(
      z.trim(),
      z.refine((v) => v === "" || localDateTimePattern.test(v), m.timeFormat(field)),
    );

  return z.object({
    /** Made in the browser once per submission: the same id twice is one write-back. */
    submissionId: z.uuid(m.submissionIdInvalid),
    /** Version of the call's outcome the form was loaded from. */
    baseVersion: nonNegativeInteger(m.baseVersionInvalid),
    timeZone: text("timeZone").check(
      z.minLength(1, m.timeZoneMissing),
      z.maxLength(64, m.timeZoneUnknown),
      z.refine(isTimeZone, m.timeZoneUnknown),
    ),
    status: text("status").check(z.trim(), z.maxLength(32, m.tooLong("status", 32))),
    failCode: text("failCode").check(
      z.trim(),
      z.maxLength(16, m.tooLong("failCode", 16)),
      z.regex(/^[0-9A-Za-z_-]*$/, m.failCodeCharacters),
    ),
    asrResult: text("asrResult").check(z.trim(), z.maxLength(256, m.tooLong("asrResult", 256))),
    deviceType: text("deviceType").check(z.trim(), z.regex(/^\d{0,3}$/, m.deviceTypeFormat)),
    phoneNumber: text("phoneNumber").check(
      z.trim(),
      z.minLength(1, m.phoneMissing),
      z.maxLength(24, m.tooLong("phoneNumber", 24)),
      z.regex(/^[0-9*#]+$/, m.phoneCharacters),
    ),
    callId: text("callId").check(
      z.trim(),
      z.maxLength(64, m.tooLong("callId", 64)),
      z.regex(/^[\x20-\x7e]*$/, m.callIdCharacters),
    ),
    writeStartTime: localDateTime("writeStartTime"),
    endCallTime: localDateTime("endCallTime"),
    /**
     * Why a supervisor changes the outcome: required from supervisors and admins (the server
     * checks the role), not asked of agents. Not sent to iSales.
     */
    reason: z._default(
      text("reason", { multiline: true }).check(z.trim(), z.maxLength(500, m.tooLong("reason", 500))),
      "",
    ),
  });
}

const baseSchemas = new WeakMap<ValidationMessages, ReturnType<typeof makeBaseSchema>>();
function baseSchemaIn(messages: ValidationMessages) {
  let schema = baseSchemas.get(messages);
  if (!schema) {
    schema = makeBaseSchema(messages);
    baseSchemas.set(messages, schema);
  }
  return schema;
}

const baseSchema = baseSchemaIn(englishMessages);

export type WriteBackFormValues = z.input<typeof baseSchema>;
type FormFields = z.output<typeof baseSchema>;

/** The outcome as recorded and sent (lib/write-back/outcome.ts); the form always names the number. */
export type WriteBackOutcome = Outcome & { phoneNumber: string };

export type WriteBackFormData = {
  submissionId: string;
  baseVersion: number;
  timeZone: string;
  reason: string;
  outcome: WriteBackOutcome;
};

type Issue = { field: keyof WriteBackFormValues; message: string };

const describeCodes = (codes: readonly string[], catalogue: WriteBackCatalogue, m: ValidationMessages) =>
  m.writeBackMessages.either(
    codes.map((code) => {
      const meaning = catalogue.failCodes.find((f) => f.code === code)?.meaning;
      return meaning ? `${code} (${meaning})` : code;
    }),
  );

/** The catalogue's rules on one form's values; times are instants already (null when empty or bad). */
export function outcomeIssues(
  catalogue: WriteBackCatalogue,
  context: WriteBackContext,
  v: Pick<
    FormFields,
    "status" | "failCode" | "asrResult" | "deviceType" | "callId" | "writeStartTime" | "endCallTime"
  >,
  times: { writeStartTime: Date | null; endCallTime: Date | null },
  messages: ValidationMessages = englishMessages,
): Issue[] {
  const m = messages.writeBackMessages;
  const issues: Issue[] = [];
  const rules = catalogue.rules;
  const status = catalogue.statuses.find((s) => s.code === v.status);
  if (v.status === "") {
    if (rules.statusRequired) issues.push({ field: "status", message: m.statusRequired });
  } else if (!status) {
    issues.push({ field: "status", message: m.statusUnlisted });
  }
  let failCodeOk = true;
  if (!/^[0-9A-Za-z_-]*$/.test(v.failCode)) {
    failCodeOk = false; // the characters' message says it already
  } else if (v.failCode !== "" && !catalogue.failCodes.some((f) => f.code === v.failCode)) {
    const unlisted = rules.unlistedFailCodes;
    let matches = false;
    try {
      matches = unlisted.allow && new RegExp(unlisted.pattern, "u").test(v.failCode);
    } catch {
      matches = false;
    }
    if (!matches) {
      failCodeOk = false;
      issues.push({
        field: "failCode",
        message: unlisted.allow ? m.failCodeUnlistedFormat(unlisted.description) : m.failCodeUnlisted,
      });
    }
  }
  if (/^\d{1,3}$/.test(v.deviceType) && !catalogue.deviceTypes.some((d) => String(d.code) === v.deviceType)) {
    issues.push({ field: "deviceType", message: m.deviceTypeUnlisted });
  }
  const rule = status ? statusRuleFor(catalogue, status.code) : undefined;
  if (status && rule) {
    const given: Record<RequirableField, boolean> = {
      failCode: v.failCode !== "",
      deviceType: v.deviceType !== "",
      asrResult: v.asrResult !== "",
      callId: v.callId !== "",
      writeStartTime: v.writeStartTime !== "",
      endCallTime: v.endCallTime !== "",
    };
    for (const field of rule.requires) {
      if (!given[field]) issues.push({ field, message: m.requiredForStatus(field, status.label) });
    }
    if (rule.failCodes && v.failCode !== "" && failCodeOk) {
      if ("only" in rule.failCodes && !rule.failCodes.only.includes(v.failCode)) {
        issues.push({
          field: "failCode",
          message: m.failCodeOnly(status.label, describeCodes(rule.failCodes.only, catalogue, messages)),
        });
      }
      if ("except" in rule.failCodes && rule.failCodes.except.includes(v.failCode)) {
        issues.push({
          field: "failCode",
          message: m.failCodeExcept(status.label, describeCodes([v.failCode], catalogue, messages)),
        });
      }
    }
  }
  // Times: window around the fetch and now, order and length.
  const t = rules.times;
  const now = (context.now ?? (() => new Date()))().getTime();
  const earliest = context.fetchTime.getTime() - t.maxDaysBeforeFetch * 86_400_000;
  const latest = now + t.maxMinutesInFuture * 60_000;
  const inWindow: Record<"writeStartTime" | "endCallTime", boolean> = {
    writeStartTime: true,
    endCallTime: true,
  };
  for (const field of ["writeStartTime", "endCallTime"] as const) {
    const at = times[field]?.getTime();
    if (at === undefined) continue;
    if (at < earliest) {
      issues.push({ field, message: m.tooLongBeforeFetch(field, t.maxDaysBeforeFetch) });
      inWindow[field] = false;
    } else if (at > latest) {
      issues.push({ field, message: m.inTheFuture(field, t.maxMinutesInFuture) });
      inWindow[field] = false;
    }
  }
  if (v.endCallTime !== "" && v.writeStartTime === "") {
    issues.push({ field: "writeStartTime", message: m.endWithoutStart });
  }
  const start = times.writeStartTime;
  const end = times.endCallTime;
  if (start && end && inWindow.writeStartTime && inWindow.endCallTime) {
    if (end < start) issues.push({ field: "endCallTime", message: m.endBeforeStart });
    else if (end.getTime() - start.getTime() > t.maxCallHours * 3_600_000) {
      issues.push({ field: "endCallTime", message: m.callTooLong(t.maxCallHours) });
    }
  }
  return issues;
}

function resolveTimes(catalogue: WriteBackCatalogue, v: FormFields, messages: ValidationMessages) {
  const m = messages.writeBackMessages;
  const issues: Issue[] = [];
  const times = { writeStartTime: null as Date | null, endCallTime: null as Date | null };
  const earliestYear = catalogue.rules.times.earliestYear;
  for (const field of ["writeStartTime", "endCallTime"] as const) {
    if (v[field] === "" || !localDateTimePattern.test(v[field])) continue;
    const resolved = resolveLocalTime(v[field], v.timeZone);
    if (resolved.year !== undefined && resolved.year < earliestYear) {
      issues.push({ field, message: m.yearTooEarly(field, earliestYear) });
    } else if (resolved.ok) {
      times[field] = resolved.instant;
    } else if (resolved.problem === "gap") {
      issues.push({ field, message: m.timeGap(field, v.timeZone) });
    } else if (resolved.problem === "ambiguous") {
      issues.push({ field, message: m.timeAmbiguous(field, v.timeZone) });
    } else if (resolved.problem === "not-a-date") {
      issues.push({ field, message: m.timeNotReal(field) });
    }
    // An unknown zone is the timeZone field's error.
  }
  return { issues, times };
}

/**
 * The form's schema for this catalogue and this call: parses to the outcome to record, or
 * fails with issues whose path names the field. Every rule runs even when another field
 * is wrong, so the form shows all problems at once.
 */
export function writeBackSchemaFor(
  catalogue: WriteBackCatalogue,
  context: WriteBackContext,
  messages: ValidationMessages = englishMessages,
) {
  const checked = baseSchemaIn(messages).check((ctx) => {
    const v = ctx.value;
    const issue = (field: keyof WriteBackFormValues, message: string) =>
      ctx.issues.push({ code: "custom", path: [field], message, input: v, continue: true });
    if (v.phoneNumber !== "" && !context.phoneNumbers.includes(v.phoneNumber))
      issue("phoneNumber", messages.writeBackMessages.phoneNotOfCall);
    const { issues, times } = resolveTimes(catalogue, v, messages);
    for (const i of issues) issue(i.field, i.message);
    for (const i of outcomeIssues(catalogue, context, v, times, messages)) issue(i.field, i.message);
  });
  return z.pipe(
    checked,
    z.transform((v: FormFields): WriteBackFormData => {
      const { times } = resolveTimes(catalogue, v, messages);
      return {
        submissionId: v.submissionId,
        baseVersion: v.baseVersion,
        timeZone: v.timeZone,
        reason: v.reason,
        outcome: {
          status: v.status || null,
          failCode: v.failCode || null,
          asrResult: v.asrResult || null,
          deviceType: v.deviceType === "" ? null : Number(v.deviceType),
          phoneNumber: v.phoneNumber,
          callId: v.callId || null,
          writeStartTime: times.writeStartTime,
          endCallTime: times.endCallTime,
        },
      };
    }),
  );
}

/** An outcome as stored on a call (times are instants), e.g. for a bulk re-send. */
export type StoredOutcome = Omit<Outcome, "phoneNumber">;

/**
 * The catalogue's rules on an outcome already stored (recorded before the rules changed,
 * or by an older version): the same checks as the form's, on instants.
 */
export function storedOutcomeIssues(
  catalogue: WriteBackCatalogue,
  context: Pick<WriteBackContext, "fetchTime" | "now">,
  o: StoredOutcome,
  messages: ValidationMessages = englishMessages,
): Issue[] {
  const m = messages.writeBackMessages;
  const issues: Issue[] = [];
  const earliestYear = catalogue.rules.times.earliestYear;
  for (const field of ["writeStartTime", "endCallTime"] as const) {
    const at = o[field];
    if (at && at.getUTCFullYear() < earliestYear)
      issues.push({ field, message: m.yearTooEarly(field, earliestYear) });
  }
  const asText = (d: Date | null) => (d ? d.toISOString() : "");
  issues.push(
    ...outcomeIssues(
      catalogue,
      { ...context, phoneNumbers: [] },
      {
        status: o.status ?? "",
        failCode: o.failCode ?? "",
        asrResult: o.asrResult ?? "",
        deviceType: o.deviceType === null ? "" : String(o.deviceType),
        callId: o.callId ?? "",
        writeStartTime: asText(o.writeStartTime),
        endCallTime: asText(o.endCallTime),
      },
      { writeStartTime: o.writeStartTime, endCallTime: o.endCallTime },
      messages,
    ),
  );
  return issues;
}

export type WriteBackSchema = ReturnType<typeof writeBackSchemaFor>;

/** Issues as field errors (the first path part names the field), for the action's answer. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fieldErrors: Partial<Record<keyof WriteBackFormValues, string[]>> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "") as keyof WriteBackFormValues;
    fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
  }
  return fieldErrors;
}
