import "@/lib/zod-browser";
import { z } from "zod";
import { defaultLocale, locales } from "@/i18n/config";
import { defaultStatusRules } from "./catalogue-rules";

/**
 * The operator-editable catalogues (CATALOGUE_FILE), shared with the browser as data: the
 * codes the form offers and the outcome rules that both the form and the server check
 * (lib/write-back/form-schema.ts builds one schema from them). `rules` may be left out;
 * the defaults below then apply (see README, "Outcome rules").
 */

const failCodeSchema = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[0-9A-Za-z_-]+$/, "failCodes: a code is letters and digits");

/**
 * An entry's text in the UI's other languages (`{ "zh-CN": "无人接听" }`); the English
 * label or meaning is the fallback for a language it leaves out.
 */
const translationsSchema = z
  .partialRecord(
    z.enum(locales.filter((l) => l !== defaultLocale) as [string, ...string[]]),
    z.string().trim().min(1).max(256),
  )
  .optional();

/** Fields a status can require besides the status itself. */
export const requirableFields = [
  "failCode",
  "deviceType",
  "asrResult",
  "callId",
  "writeStartTime",
  "endCallTime",
] as const;
export type RequirableField = (typeof requirableFields)[number];

const statusRuleSchema = z
  .object({
    $comment: z.string().optional(),
    /** Fields that must be filled when the call has this status. */
    requires: z.array(z.enum(requirableFields)).default([]),
    /** The failure cause codes allowed with this status: only these, or all but these. */
    failCodes: z
      .union([
        z.object({ only: z.array(failCodeSchema).min(1) }).strict(),
        z.object({ except: z.array(failCodeSchema) }).strict(),
      ])
      .optional(),
  })
  .strict();
export type StatusRule = z.infer<typeof statusRuleSchema>;

export const defaultTimeRules = {
  earliestYear: 2000,
  maxDaysBeforeFetch: 2,
  maxMinutesInFuture: 5,
  maxCallHours: 24,
} as const;

const rulesSchema = z
  .object({
    $comment: z.string().optional(),
    /** A write-back must say what happened: a status is required (default true). */
    statusRequired: z.boolean().default(true),
    /** Per status code; statuses not named here have no extra rule. Default: see defaultStatusRules. */
    byStatus: z.record(z.string(), statusRuleSchema).optional(),
    /** Codes not in failCodes: refused unless allowed, and then only in this format. */
    unlistedFailCodes: z
      .object({
        $comment: z.string().optional(),
        allow: z.boolean().default(false),
        /** A regular expression the whole code must match. */
        pattern: z.string().min(1).default("^\\d{5}$"),
        /** The format in plain words, for the message. */
        description: z.string().min(1).default("five digits"),
      })
      .strict()
      .default({ allow: false, pattern: "^\\d{5}$", description: "five digits" }),
    times: z
      .object({
        $comment: z.string().optional(),
        /** Years are four digits from this one. */
        earliestYear: z.number().int().min(1970).max(9999).default(defaultTimeRules.earliestYear),
        /** The call's start and end at most this many days before the call data was fetched. */
        maxDaysBeforeFetch: z.number().min(0).max(3650).default(defaultTimeRules.maxDaysBeforeFetch),
        /** ...and at most this many minutes after now (clocks drift). */
        maxMinutesInFuture: z.number().min(0).max(1440).default(defaultTimeRules.maxMinutesInFuture),
        /** From start to end at most this many hours. */
        maxCallHours: z.number().positive().max(8760).default(defaultTimeRules.maxCallHours),
      })
      .strict()
      .default(defaultTimeRules),
  })
  .strict();

// defaultStatusRules and statusRuleFor live in catalogue-rules.ts, which the browser's form
// imports without this module's zod schemas.
export { defaultStatusRules, statusRuleFor } from "./catalogue-rules";

/**
 * Which outcomes an agent may mark final themselves (a supervisor may finalise any call
 * that has an outcome). iSales does not say which statuses may be final: by default a
 * success, and the failures that calling again cannot change (an empty, wrong or
 * out-of-service number).
 */
export const finalRulesSchema = z.object({
  $comment: z.string().optional(),
  agentMay: z.array(
    z.object({
      status: z.string().min(1).max(32),
      /** Only with these failure codes; any code the status admits when absent. */
      failCodes: z.array(failCodeSchema).min(1).optional(),
    }),
  ),
});
export type FinalRules = z.infer<typeof finalRulesSchema>;
export const defaultFinalRules: FinalRules = {
  agentMay: [{ status: "6" }, { status: "5", failCodes: ["00129", "00209", "00538", "34605"] }],
};

/**
 * A quick outcome: one button (and its key 1-9) that fills in what a common result of a
 * call implies: its status and failure code, and where it says so the detection result and
 * the device type; `stampEnd` also stamps the call's end when the start is stamped and the
 * end is not yet (the outcome is known, so the call is over).
 */
const quickOutcomeSchema = z
  .object({
    $comment: z.string().optional(),
    key: z.number().int().min(1).max(9),
    label: z.string().trim().min(1).max(64),
    i18n: translationsSchema,
    status: z.string().min(1).max(32),
    failCode: failCodeSchema.optional(),
    asrResult: z.string().trim().min(1).max(256).optional(),
    deviceType: z.number().int().min(0).max(999).optional(),
    stampEnd: z.boolean().default(true),
  })
  .strict();
export type QuickOutcome = z.infer<typeof quickOutcomeSchema>;

type QuickOutcomeContext = {
  statuses: readonly { code: string }[];
  failCodes: readonly { code: string }[];
  deviceTypes: readonly { code: number }[];
  defaultDeviceType: number | null;
  rules: {
    byStatus?: Record<string, StatusRule> | undefined;
    unlistedFailCodes: { allow: boolean; pattern: string };
  };
};

/**
 * What is wrong with the catalogue's quick outcomes: a key used twice, a code the catalogue
 * does not list, or an outcome the status's own rule would refuse (a failure code that
 * does not go with the status, a field the status requires and the outcome leaves empty).
 * Fields only the agent can give (call id, times) are not asked of a quick outcome.
 */
export function quickOutcomeIssues(
  c: QuickOutcomeContext,
  quickOutcomes: readonly QuickOutcome[],
): { index: number; field: string; message: string }[] {
  const issues: { index: number; field: string; message: string }[] = [];
  const seen = new Set<number>();
  let pattern: RegExp | null = null;
  try {
    pattern = new RegExp(c.rules.unlistedFailCodes.pattern, "u");
  } catch {
    pattern = null;
  }
  quickOutcomes.forEach((q, index) => {
    const issue = (field: string, message: string) => issues.push({ index, field, message });
    if (seen.has(q.key)) issue("key", `key ${q.key} is used by another quick outcome`);
    seen.add(q.key);
    if (!c.statuses.some((s) => s.code === q.status)) issue("status", "is not in statuses");
    if (
      q.failCode !== undefined &&
      !c.failCodes.some((f) => f.code === q.failCode) &&
      !(c.rules.unlistedFailCodes.allow && pattern?.test(q.failCode) === true)
    )
      issue("failCode", `${q.failCode} is not in failCodes`);
    if (q.deviceType !== undefined && !c.deviceTypes.some((d) => d.code === q.deviceType))
      issue("deviceType", `${q.deviceType} is not in deviceTypes`);
    const own = c.rules.byStatus;
    const rule = own
      ? own[q.status]
      : Object.hasOwn(defaultStatusRules, q.status)
        ? defaultStatusRules[q.status]
        : undefined;
    if (!rule) return;
    const given: Partial<Record<RequirableField, boolean>> = {
      failCode: q.failCode !== undefined,
      deviceType: (q.deviceType ?? c.defaultDeviceType) !== null,
      asrResult: q.asrResult !== undefined,
    };
    for (const field of rule.requires) {
      if (given[field] === false) issue(field, `the status ${q.status} requires it`);
    }
    if (rule.failCodes && q.failCode !== undefined) {
      const ok =
        "only" in rule.failCodes
          ? rule.failCodes.only.includes(q.failCode)
          : !rule.failCodes.except.includes(q.failCode);
      if (!ok) issue("failCode", `${q.failCode} does not go with the status ${q.status}`);
    }
  });
  return issues;
}

export const catalogueSchema = z
  .object({
    $comment: z.string().optional(),
    statuses: z
      .array(
        z.object({ code: z.string().min(1).max(32), label: z.string().min(1), i18n: translationsSchema }),
      )
      .min(1, "statuses: list at least one status"),
    failCodes: z.array(
      z.object({ code: failCodeSchema, meaning: z.string().min(1), i18n: translationsSchema }),
    ),
    deviceTypes: z
      .array(
        z.object({
          code: z.number().int().min(0).max(999),
          label: z.string().min(1),
          i18n: translationsSchema,
        }),
      )
      .min(1, "deviceTypes: list at least one device type"),
    defaultDeviceType: z.number().int().nullable().default(5),
    asrSuggestions: z.array(z.string().min(1).max(256)).default([]),
    /** Absent: defaultFinalRules (codes the catalogue lacks then simply never match). */
    final: finalRulesSchema.optional(),
    /** The row of one-key outcomes on the call page (at most nine: keys 1-9). */
    quickOutcomes: z.array(quickOutcomeSchema).max(9, "quickOutcomes: at most nine (keys 1-9)").default([]),
    rules: rulesSchema.default({
      statusRequired: true,
      unlistedFailCodes: { allow: false, pattern: "^\\d{5}$", description: "five digits" },
      times: defaultTimeRules,
    }),
  })
  .superRefine((c, ctx) => {
    for (const i of quickOutcomeIssues(c, c.quickOutcomes)) {
      ctx.addIssue({ code: "custom", path: ["quickOutcomes", i.index, i.field], message: i.message });
    }
    if (c.defaultDeviceType !== null && !c.deviceTypes.some((d) => d.code === c.defaultDeviceType)) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultDeviceType"],
        message: "defaultDeviceType must be one of deviceTypes' codes",
      });
    }
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(c.rules.unlistedFailCodes.pattern, "u");
    } catch {
      ctx.addIssue({
        code: "custom",
        path: ["rules", "unlistedFailCodes", "pattern"],
        message: "must be a valid regular expression",
      });
    }
    const statusCodes = new Set(c.statuses.map((s) => s.code));
    const failCodes = new Set(c.failCodes.map((f) => f.code));
    for (const [i, rule] of (c.final?.agentMay ?? []).entries()) {
      if (!statusCodes.has(rule.status))
        ctx.addIssue({
          code: "custom",
          path: ["final", "agentMay", i, "status"],
          message: `names the status ${rule.status}, which is not in statuses`,
        });
      for (const code of rule.failCodes ?? [])
        if (!failCodes.has(code))
          ctx.addIssue({
            code: "custom",
            path: ["final", "agentMay", i, "failCodes"],
            message: `names the failure code ${code}, which is not in failCodes`,
          });
    }
    for (const [status, rule] of Object.entries(c.rules.byStatus ?? {})) {
      if (!statusCodes.has(status)) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", "byStatus", status],
          message: `names a status that is not in statuses`,
        });
      }
      const named = rule.failCodes
        ? "only" in rule.failCodes
          ? rule.failCodes.only
          : rule.failCodes.except
        : [];
      for (const code of named) {
        const allowed =
          failCodes.has(code) || (c.rules.unlistedFailCodes.allow && pattern?.test(code) === true);
        if (!allowed) {
          ctx.addIssue({
            code: "custom",
            path: ["rules", "byStatus", status, "failCodes"],
            message: `names the failure code ${code}, which is not in failCodes`,
          });
        }
      }
    }
  });

export type Catalogue = z.infer<typeof catalogueSchema>;
export type OutcomeRules = Catalogue["rules"];

/** May an agent mark this outcome final (the catalogue's `final.agentMay`)? */
export function agentMayFinalise(
  catalogue: Pick<Catalogue, "final">,
  outcome: { status: string | null; failCode: string | null },
): boolean {
  return (catalogue.final ?? defaultFinalRules).agentMay.some(
    (rule) =>
      rule.status === outcome.status &&
      (rule.failCodes === undefined ||
        (outcome.failCode !== null && rule.failCodes.includes(outcome.failCode))),
  );
}
