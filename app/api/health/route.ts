import { healthResponse } from "@/lib/delivery/endpoints";
import { handleRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Alive: the process answers. Nothing else is checked (see /api/ready). */
function getHandler(): Response {
  return healthResponse();
}

export const GET = handleRoute(getHandler);
