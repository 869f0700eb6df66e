import { takeNextCall } from "@/lib/assignment/assignment";
import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { crossSiteResponse, isSameOrigin } from "@/lib/http/same-origin";
import { log } from "@/lib/log";

/**
 * POST /api/assignment/take-next : give the signed-in agent the pool's oldest call and open
 * it (303 to the call's page), or back to the list saying the pool is empty. A plain form
 * posts here, so it works without JavaScript; a POST from another site is refused.
 * A route handler rather than a server action so it has a stable address that tests and
 * other clients can call.
 */
async function postHandler(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return crossSiteResponse();
  const auth = await authorizeRoute("agent");
  if (!auth.ok) return auth.response;
  const callId = await takeNextCall(await getDb(), auth.user.id);
  log().info({ event: "call_taken", by: auth.user.username, callId }, callId ? "call taken" : "pool empty");
  const location = callId ? `/calls/${callId}` : "/?pool=empty";
  if (request.headers.get("accept")?.includes("application/json")) return Response.json({ callId });
  return new Response(null, { status: 303, headers: { Location: location } });
}

export const POST = handleRoute(postHandler);
