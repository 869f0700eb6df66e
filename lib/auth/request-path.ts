import { reviewFilterKeys } from "@/lib/review/filter-keys";

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
const PASSED_QUERY_KEYS: ReadonlySet<string> = new Set(reviewFilterKeys);

/** The path and the filter part of its query, as the header carries it. */
export function requestPathForHeader(pathname: string, searchParams: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const [key, value] of searchParams) if (PASSED_QUERY_KEYS.has(key)) kept.append(key, value);
  const search = kept.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * Query keys that carry a secret or personal data when someone puts them in an address (a
 * form submitted the native way before its script, a hand-made link, a bookmark). Pages
 * never read them; proxy.ts sends the browser to the same address without them, so they
 * leave the address bar and Next.js does not echo them back in the page's data.
 */
const PERSONAL_QUERY_KEYS: ReadonlySet<string> = new Set([
  "password",
  "passwd",
  "pwd",
  "newpassword",
  "token",
  "secret",
  "username",
  "q",
  "phone",
  "phonenumber",
  "phonenumbers",
  "callernumber",
  "number",
  "mobile",
  "customerid",
  "uniqueid",
  "calldata",
]);

export function isPersonalQueryKey(key: string): boolean {
  return PERSONAL_QUERY_KEYS.has(key.toLowerCase());
}

/** The same query without personal keys, also inside a `next` path; null when nothing had to go. */
export function withoutPersonalQuery(searchParams: URLSearchParams): URLSearchParams | null {
  let changed = false;
  const kept = new URLSearchParams();
  for (const [key, value] of searchParams) {
    if (isPersonalQueryKey(key)) {
      changed = true;
      continue;
    }
    if (key === "next") {
      const inner = cleanNextValue(value);
      if (inner !== value) changed = true;
      kept.append(key, inner);
      continue;
    }
    kept.append(key, value);
  }
  return changed ? kept : null;
}

function cleanNextValue(value: string): string {
  const q = value.indexOf("?");
  if (q < 0) return value;
  const path = value.slice(0, q);
  const inner = withoutPersonalQuery(new URLSearchParams(value.slice(q + 1)));
  if (inner === null) return value;
  const search = inner.toString();
  return search ? `${path}?${search}` : path;
}
