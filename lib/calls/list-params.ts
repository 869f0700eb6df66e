import { writeBackStates } from "@/lib/db/enums";
import type { ListQuery } from "./list-query";

/**
 * The list's views, filters and addresses, without zod: the list page's first load takes
 * these (issue 12); the schemas that check an address or an answer are ./list-query.ts,
 * which re-exports all of this.
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

/** An address's filters as one text: the same for Next's searchParams object and the browser's URL. */
export const filtersKey = (params: URLSearchParams | Record<string, string | string[] | undefined>): string =>
  JSON.stringify(firstValues(params));

/** The query string for a list query's address filters (never `q`), without defaults, in a stable order. */
export function toSearch(query: Partial<ListQuery>): string {
  const sp = new URLSearchParams();
  if (query.view && query.view !== DEFAULT_VIEW) sp.set("view", query.view);
  if (query.state) sp.set("state", query.state);
  if (query.serviceId) sp.set("serviceId", query.serviceId);
  if (query.page && query.page > 1) sp.set("page", String(query.page));
  return sp.toString();
}

export const callListQueryKey = (query: ListQuery) =>
  ["calls", query.view, query.state ?? "", query.serviceId ?? "", query.q ?? "", query.page] as const;
