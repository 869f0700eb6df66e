/**
 * The request header in which proxy.ts passes the path and query a page was asked for, so
 * a page that needs sign-in can send the user back there afterwards.
 */
export const REQUEST_PATH_HEADER = "x-preview-desk-path";

/**
 * Query keys the product's own links use for filters, none of them personal or secret.
 * Only these are passed on: anything else in an address (a search, a `password=` someone
 * typed, a phone number) never reaches a header, a `next` link or a log.
 */
const PASSED_QUERY_KEYS: ReadonlySet<string> = new Set([
  "agent",
  "serviceId",
  "state",
  "status",
  "failCode",
  "dateField",
  "from",
  "to",
  "tz",
  "sort",
  "dir",
  "page",
]);

/** The path and the filter part of its query, as the header carries it. */
export function requestPathForHeader(pathname: string, searchParams: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [key, value] of searchParams) if (PASSED_QUERY_KEYS.has(key)) kept.append(key, value);
  const search = kept.toString();
  return search ? `${pathname}?${search}` : pathname;
}
