import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/calls/query-provider";
import { toOverviewData } from "@/components/overview/overview-data";
import { OverviewView } from "@/components/overview/overview-view";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/guards";
import { catalogue } from "@/lib/catalogue";
import { localizedFailCodes, localizedStatuses } from "@/lib/catalogue-text";
import { getDb } from "@/lib/db";
import { breakerState } from "@/lib/delivery/process";
import { MAX_OVERVIEW_DAYS, parseOverviewQuery } from "@/lib/overview/params";
import { overview } from "@/lib/overview/queries";
import { daysInZone } from "@/lib/overview/range";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

/**
 * The supervisor's overview of the shift (issue 13): totals, write-backs per 15 minutes,
 * outcomes, agents and tasks for a range of days in a zone, read again every 5 s while the
 * page is visible. Agents get the not-found page, as for every supervisor page.
 */
export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  const raw = await searchParams;
  const first = (k: string) => {
    const v = raw[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const params = new URLSearchParams();
  for (const key of ["from", "to", "tz"]) {
    const v = first(key);
    if (v !== undefined) params.set(key, v);
  }
  const [t, locale] = await Promise.all([getTranslations("overview"), getLocale()]);
  // A range that does not parse shows today in UTC, with the reason above it.
  const parsed = parseOverviewQuery(params);
  const fallback = parseOverviewQuery(new URLSearchParams());
  const usable = parsed.ok ? parsed.query : fallback.ok ? fallback.query : null;
  const range = usable ? daysInZone(usable.from, usable.to, usable.tz) : null;
  if (!usable || !range) notFound();
  const figures = await overview(await getDb(), range);
  const sortKeys = [
    "username",
    "callsDone",
    "accepted",
    "attention",
    "avgHandleSeconds",
    "avgWrapUpSeconds",
    "lastActivity",
  ] as const;
  const by = sortKeys.find((k) => k === first("sort")) ?? "callsDone";
  const dir = first("dir") === "asc" ? "asc" : "desc";
  const c = catalogue();
  return (
    <PageMain width="full">
      <PageHeader title={t("heading")} description={t("description")} />
      {!parsed.ok && (
        <Notice tone="error" title={t("badRange")}>
          {parsed.parameter}:{" "}
          {/* What the parameter must be, in the user's language (the English detail otherwise). */}
          {t.has(`rangeProblem.${parsed.parameter}` as never)
            ? t(`rangeProblem.${parsed.parameter}` as never, { days: MAX_OVERVIEW_DAYS } as never)
            : parsed.message}
        </Notice>
      )}
      <QueryProvider>
        <OverviewView
          initial={toOverviewData({ query: usable, breaker: breakerState(), ...figures })}
          query={usable}
          statuses={localizedStatuses(c, locale)}
          failCodes={localizedFailCodes(c, locale).map((f) => ({ code: f.code, meaning: f.meaning }))}
          sort={{ by, dir }}
        />
      </QueryProvider>
    </PageMain>
  );
}
