import { getDb } from "@/lib/db";
import { readyResponse } from "@/lib/delivery/endpoints";
import { breakerState } from "@/lib/delivery/process";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Ready: database reachable and migrated; reports the iSales breaker. 503 when not ready. */
function getHandler(): Promise<Response> {
  return readyResponse({ db: getDb, breaker: breakerState });
}

export const GET = handleRoute(getHandler);
