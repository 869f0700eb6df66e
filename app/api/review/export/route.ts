import { requestLocale } from "@/i18n/request";
import { authorizeRoute } from "@/lib/auth/guards";
import { csvLabels, csvLangOf } from "@/lib/csv-labels";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { reviewCsvStream } from "@/lib/review/csv";
import { parseReviewFilter } from "@/lib/review/filter";

/**
 * GET /api/review/export?<review filter>: the CSV of exactly what /review shows for the same
 * filter (every page, in its order), streamed, times in the filter's zone; `lang=en|zh-CN`
 * chooses the headings' language (the page's by default). Supervisors only.
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
  const lang = csvLangOf(new URL(request.url).searchParams, await requestLocale());
  if (!lang.ok) {
    return Response.json({ error: "bad_query", parameter: "lang", message: lang.message }, { status: 400 });
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const label = await csvLabels("review", lang.locale);
  return new Response(reviewCsvStream(await getDb(), parsed.filter, label), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="calls-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

export const GET = handleRoute(getHandler);
