"use client";

import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/calls/time-zone-cookie";

/**
 * Tells the server the browser's time zone (a cookie) so that "today" (the tally, "Done
 * today") is the agent's day. Until it has, the server counts in the call centre's zone;
 * the page is not reloaded for it: the next page or refresh uses it.
 */
export function TimeZoneCookie() {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const current = document.cookie
      .split("; ")
      .find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`))
      ?.slice(TIME_ZONE_COOKIE.length + 1);
    // Zone names (Europe/Berlin, America/Port-au-Prince) are valid cookie values as they are.
    if (current === zone) return;
    // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie is all this needs; the Cookie Store API is not in every browser
    document.cookie = `${TIME_ZONE_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`;
  }, []);
  return null;
}
