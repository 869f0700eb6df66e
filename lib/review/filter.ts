import "@/lib/zod-browser";
import { z } from "zod";
import { listStates } from "@/lib/calls/list-query";
import { safeText } from "@/lib/validation/text";
import { isTimeZone } from "@/lib/validation/time-zone";
import { reviewFilterKeys } from "./filter-keys";

/**
 * The review view's filter, as it travels in /review's URL, the CSV export's URL and a bulk
 * re-send's selection: one schema for all three, so the export and the bulk job see exactly
 * the calls the page shows. Browser-safe (no server imports).
 */

export const reviewSortKeys = ["fetched", "written", "task", "customer", "state", "agent"] as const;
export type ReviewSortKey = (typeof reviewSortKeys)[number];

export const REVIEW_PAGE_SIZE = 50;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date must look like 2025-03-31");

export const reviewFilterSchema = z.object({
  /** A username, or "pool" for calls that belong to nobody. */
  agent: z.preprocess(blank, safeText().trim().max(64).optional()),
  serviceId: z.preprocess(blank, safeText().trim().max(64).optional()),
  state: z.preprocess(blank, z.enum(listStates).optional()),
  status: z.preprocess(blank, safeText().trim().max(32).optional()),
  failCode: z.preprocess(blank, safeText().trim().max(32).optional()),
  /** Which time the date range is about: when the call was fetched, or its last write-back. */
  dateField: z.preprocess(blank, z.enum(["fetched", "written"]).default("fetched")),
  from: z.preprocess(blank, localDate.optional()),
  to: z.preprocess(blank, localDate.optional()),
  /** The IANA zone the dates are read in and times are shown in. */
  tz: z.preprocess(
    blank,
    z.string().refine(isTimeZone, "tz must be an IANA time zone such as Europe/Berlin").default("UTC"),
  ),
  sort: z.preprocess(blank, z.enum(reviewSortKeys).default("fetched")),
  dir: z.preprocess(blank, z.enum(["asc", "desc"]).default("desc")),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
});

export type ReviewFilter = z.output<typeof reviewFilterSchema>;

/** URLSearchParams or Next's searchParams object as first values of the filter's keys. */
export function reviewParams(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of reviewFilterKeys) {
    const v = params instanceof URLSearchParams ? params.get(key) : params[key];
    out[key] = (Array.isArray(v) ? v[0] : v) ?? undefined;
  }
  return out;
}

/** The filter as a query string, without defaults (page included only when asked). */
export function reviewSearch(filter: Partial<ReviewFilter>, options: { page?: boolean } = {}): string {
  const sp = new URLSearchParams();
  if (filter.agent) sp.set("agent", filter.agent);
  if (filter.serviceId) sp.set("serviceId", filter.serviceId);
  if (filter.state) sp.set("state", filter.state);
  if (filter.status) sp.set("status", filter.status);
  if (filter.failCode) sp.set("failCode", filter.failCode);
  if (filter.dateField && filter.dateField !== "fetched") sp.set("dateField", filter.dateField);
  if (filter.from) sp.set("from", filter.from);
  if (filter.to) sp.set("to", filter.to);
  if (filter.tz) sp.set("tz", filter.tz);
  if (filter.sort && filter.sort !== "fetched") sp.set("sort", filter.sort);
  if (filter.dir && filter.dir !== "desc") sp.set("dir", filter.dir);
  if (options.page && filter.page && filter.page > 1) sp.set("page", String(filter.page));
  return sp.toString();
}

export function parseReviewFilter(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): { ok: true; filter: ReviewFilter } | { ok: false; parameter: string; message: string } {
  const parsed = reviewFilterSchema.safeParse(reviewParams(params));
  if (parsed.success) return { ok: true, filter: parsed.data };
  const issue = parsed.error.issues[0];
  const parameter = String(issue?.path[0] ?? "query");
  return { ok: false, parameter, message: issue?.message ?? `${parameter} is not valid` };
}
