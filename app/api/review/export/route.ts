import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { reviewCsvStream } from "@/lib/review/csv";
import { parseReviewFilter } from "@/lib/review/filter";

/**
 * GET /api/review/export?<review filter>: the CSV of exactly what /review shows for the same
 * filter (every page, in its order), streamed, times in the filter's zone. Supervisors only.
 */
async function getHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  const parsed = parseReviewFilter(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return Response.json(
      { error: "bad_query", parameter: parsed.parameter, message: parsed.message },
      { status: 400 },
    );
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(reviewCsvStream(await getDb(), parsed.filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="calls-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

export const GET = handleRoute(getHandler);
