import "@/lib/zod-browser";
import { z } from "zod";
import { isTimeZone } from "@/lib/validation/time-zone";

/**
 * The overview's range in its address (`?from=2026-12-01&to=2026-12-01&tz=Asia/Shanghai`),
 * browser-safe: the page, its polling and the report read it with this one schema. Missing
 * dates are today in the zone; at most 92 days.
 */

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date must look like 2026-12-01");
export const MAX_OVERVIEW_DAYS = 92;

export const overviewQuerySchema = z
  .object({
    from: z.preprocess(blank, localDate.optional()),
    to: z.preprocess(blank, localDate.optional()),
    tz: z.preprocess(
      blank,
      z.string().refine(isTimeZone, "tz must be an IANA time zone such as Asia/Shanghai").default("UTC"),
    ),
  })
  .transform((q, ctx) => {
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: q.tz }).format(new Date());
    const from = q.from ?? q.to ?? today;
    const to = q.to ?? q.from ?? today;
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    if (!Number.isFinite(days) || days < 0) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "to must be a real date on or after from" });
      return z.NEVER;
    }
    if (days >= MAX_OVERVIEW_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `a range is at most ${MAX_OVERVIEW_DAYS} days` });
      return z.NEVER;
    }
    return { from, to, tz: q.tz };
  });

export type OverviewQuery = z.output<typeof overviewQuerySchema>;

export function parseOverviewQuery(
  params: URLSearchParams,
): { ok: true; query: OverviewQuery } | { ok: false; parameter: string; message: string } {
  const parsed = overviewQuerySchema.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    tz: params.get("tz") ?? undefined,
  });
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, parameter: String(issue?.path[0] ?? "query"), message: issue?.message ?? "not valid" };
}
