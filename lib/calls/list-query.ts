import "@/lib/zod-browser";
import { z } from "zod/mini";
import { writeBackStates } from "@/lib/db/enums";
import { safeTextMini } from "@/lib/validation/text-mini";

/**
 * The list's filters. State, task and page travel in the page's URL (a link copied from
 * the address bar shows the same list to a colleague) and in GET /api/calls. The search
 * text `q` never does: it is a phone number or a customer id, personal data that must not
 * reach an address bar, a browser history, a proxy's access log or a shared link. It lives
 * only in the page and is sent in the body of POST /api/calls. Shared by the route
 * handler, the page and the browser: no server imports here.
 */

export const listStates = writeBackStates;

/**
 * The agent's three views of the list. `todo` (the default, so `/` is the agent's work):
 * calls still to be done, i.e. never written back or whose write-back iSales refused or
 * that failed; `today`: calls written back since the start of today (in the user's zone,
 * see lib/calls/today.ts); `all`: every call. A search looks through every call whatever
 * the view: an agent looking for a number wants it found, done or not.
 */
export const listViews = ["todo", "today", "all"] as const;
export type ListView = (typeof listViews)[number];
export const DEFAULT_VIEW: ListView = "todo";
/** The write-back states of a call that is still to do. */
export const openStates = [
  "none",
  "refused",
  "failed",
] as const satisfies readonly (typeof writeBackStates)[number][];

export const LIST_PAGE_SIZE = 20;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A blank value is no value: the schema's default or absence applies. */
const unlessBlank = <T extends z.core.$ZodType>(schema: T) =>
  z.pipe<z.ZodMiniTransform<unknown, unknown>, T>(z.transform(blankToUndefined), schema);

// zod/mini: this schema runs in the browser too (the list page), where it should weigh little.
export const listQuerySchema = z.object({
  view: unlessBlank(
    z._default(z.enum(listViews, { error: `view must be one of ${listViews.join(", ")}` }), DEFAULT_VIEW),
  ),
  state: unlessBlank(
    z.optional(z.enum(listStates, { error: `state must be one of ${listStates.join(", ")}` })),
  ),
  serviceId: unlessBlank(
    z.optional(
      safeTextMini("serviceId").check(z.trim(), z.maxLength(64, "serviceId must be at most 64 characters")),
    ),
  ),
  q: unlessBlank(
    z.optional(safeTextMini("q").check(z.trim(), z.maxLength(64, "q must be at most 64 characters"))),
  ),
  page: unlessBlank(
    z._default(
      z.coerce
        .number({ error: "page must be a whole number from 1" })
        .check(
          z.int("page must be a whole number from 1"),
          z.minimum(1, "page must be a whole number from 1"),
          z.maximum(100_000, "page must be at most 100000"),
        ),
      1,
    ),
  ),
});

export type ListQuery = z.output<typeof listQuerySchema>;

/** The list an address with no (or a hand-edited bad) query shows: the default view. */
export const fallbackListQuery: ListQuery = { view: DEFAULT_VIEW, page: 1 };

/** The filters an address may carry; `q` is not one of them. */
const urlKeys = ["view", "state", "serviceId", "page"] as const;

/** Query-string keys that carry personal data: refused by GET /api/calls, never read. */
export const personalQueryKeys = ["q"] as const;

/**
 * URLSearchParams (or Next's searchParams object) as a plain record of first values of the
 * filters an address may carry; a `q` in it is ignored.
 */
export function firstValues(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (params instanceof URLSearchParams) {
    for (const key of urlKeys) out[key] = params.get(key) ?? undefined;
    return out;
  }
  for (const key of urlKeys) {
    const v = params[key];
    out[key] = Array.isArray(v) ? v[0] : v;
  }
  return out;
}

/** The query string for a list query's address filters (never `q`), without defaults, in a stable order. */
export function toSearch(query: Partial<ListQuery>): string {
  const sp = new URLSearchParams();
  if (query.view && query.view !== DEFAULT_VIEW) sp.set("view", query.view);
  if (query.state) sp.set("state", query.state);
  if (query.serviceId) sp.set("serviceId", query.serviceId);
  if (query.page && query.page > 1) sp.set("page", String(query.page));
  return sp.toString();
}

/** One row of the list as JSON: dates as ISO text. */
export const callListItemSchema = z.object({
  id: z.int(),
  serviceId: z.string(),
  uniqueId: z.string(),
  phoneNumbers: z.array(z.string()),
  fetchTime: z.string(),
  createdAt: z.string(),
  writeBackState: z.enum(listStates),
  lastWriteBackAt: z.nullable(z.string()),
});

export const callListPageSchema = z.object({
  rows: z.array(callListItemSchema),
  total: z.int(),
  /** More calls match than are counted exactly: total is an estimate ("about"). */
  estimated: z.boolean(),
  page: z.int(),
  pageSize: z.int(),
});

export type CallListItem = z.infer<typeof callListItemSchema>;
export type CallListPage = z.infer<typeof callListPageSchema>;

export const callListQueryKey = (query: ListQuery) =>
  ["calls", query.view, query.state ?? "", query.serviceId ?? "", query.q ?? "", query.page] as const;
