import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { parseReviewFilter } from "@/lib/review/filter";
import { countReviewByState } from "@/lib/review/queries";

/**
 * GET /api/review/counts?<review filter> : calls per write-back state for the filter, as
 * the review page shows them (it polls this while visible). Supervisors only.
 */
async function getHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  const parsed = parseReviewFilter(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: `${parsed.parameter}: ${parsed.message}` }, { status: 400 });
  const { counts, estimated } = await countReviewByState(await getDb(), parsed.filter);
  return Response.json({ counts, estimated }, { headers: { "Cache-Control": "no-store" } });
}

export const GET = handleRoute(getHandler);
