import { requestLocale } from "@/i18n/request";
import { authorizeRoute } from "@/lib/auth/guards";
import { catalogue } from "@/lib/catalogue";
import { csvLabels, csvLangOf } from "@/lib/csv-labels";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { overviewCsv } from "@/lib/overview/csv";
import { parseOverviewQuery } from "@/lib/overview/params";
import { overview } from "@/lib/overview/queries";
import { daysInZone } from "@/lib/overview/range";

/**
 * GET /api/overview/report?from&to&tz[&lang]: the overview's figures for the range as CSV,
 * headings in `lang` (en or zh-CN; the page's language by default). Supervisors only.
 */
async function getHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  const parsed = parseOverviewQuery(new URL(request.url).searchParams);
  const range = parsed.ok ? daysInZone(parsed.query.from, parsed.query.to, parsed.query.tz) : null;
  if (!parsed.ok || !range) {
    return Response.json(
      {
        error: "bad_query",
        parameter: parsed.ok ? "from" : parsed.parameter,
        message: parsed.ok ? "from and to must be real dates" : parsed.message,
      },
      { status: 400 },
    );
  }
  const lang = csvLangOf(new URL(request.url).searchParams, await requestLocale());
  if (!lang.ok) {
    return Response.json({ error: "bad_query", parameter: "lang", message: lang.message }, { status: 400 });
  }
  const csv = overviewCsv(
    await overview(await getDb(), range),
    parsed.query,
    catalogue(),
    await csvLabels("overview", lang.locale),
    lang.locale,
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="overview-${parsed.query.from}-${parsed.query.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

export const GET = handleRoute(getHandler);
