/**
 * The browser's IANA time zone, which only the browser knows, kept in a cookie so the
 * server can count "today" as the agent lives it (the header's tally, the list's "Done
 * today"). Not personal: a zone name. Browser-safe: the header's script writes it.
 */
export const TIME_ZONE_COOKIE = "tz";
