import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { breakerState } from "@/lib/delivery/process";
import { handleRoute } from "@/lib/http/route";
import { parseOverviewQuery } from "@/lib/overview/params";
import { overview } from "@/lib/overview/queries";
import { daysInZone } from "@/lib/overview/range";

/**
 * GET /api/overview?from&to&tz: the overview's figures as JSON (the page polls this while
 * it is visible). Supervisors and admins only; agents get 403 like every supervisor route.
 */
async function getHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  const parsed = parseOverviewQuery(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return Response.json(
      { error: "bad_query", parameter: parsed.parameter, message: parsed.message },
      { status: 400 },
    );
  }
  const range = daysInZone(parsed.query.from, parsed.query.to, parsed.query.tz);
  if (!range) {
    return Response.json(
      { error: "bad_query", parameter: "from", message: "from and to must be real dates" },
      { status: 400 },
    );
  }
  const figures = await overview(await getDb(), range);
  return Response.json(
    { query: parsed.query, breaker: breakerState(), ...figures },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const GET = handleRoute(getHandler);
