import "server-only";
import { cookies } from "next/headers";
import { TIME_ZONE_COOKIE } from "@/lib/calls/time-zone-cookie";
import { databaseSettings } from "@/lib/settings";
import { isTimeZone } from "@/lib/validation/time-zone";

/**
 * The zone "today" is counted in: the browser's (its cookie, written by the header), else
 * the call centre's (ISALES_TIME_ZONE) until the browser has said.
 */
export async function userTimeZone(): Promise<string> {
  const fromCookie = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return fromCookie && fromCookie.length <= 64 && isTimeZone(fromCookie)
    ? fromCookie
    : databaseSettings().ISALES_TIME_ZONE;
}
