import { getDb } from "@/lib/db";
import { readyResponse } from "@/lib/delivery/endpoints";
import { breakerState } from "@/lib/delivery/process";

export const dynamic = "force-dynamic";

/** Ready: database reachable and migrated; reports the iSales breaker. 503 when not ready. */
export function GET(): Promise<Response> {
  return readyResponse({ db: getDb, breaker: breakerState });
}
