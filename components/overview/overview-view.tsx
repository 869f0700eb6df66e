"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import { CircleAlert, CircleCheck, TriangleAlert } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Section } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { SimpleTable } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { TimeZoneInput } from "@/components/ui/time-zone-input";
import type { OverviewQuery } from "@/lib/overview/params";
import { type OverviewData, overviewDataSchema } from "./overview-data";
import { ShiftChart } from "./shift-chart";

type AgentRow = OverviewData["agents"][number];
const agentSortKeys = [
  "username",
  "callsDone",
  "accepted",
  "attention",
  "avgHandleSeconds",
  "avgWrapUpSeconds",
  "lastActivity",
] as const;
type AgentSortKey = (typeof agentSortKeys)[number];

/** Red when iSales is not answering or a write-back has waited 15 minutes; amber when one waits 2 or needs a person. */
export function deliveryHealth(d: OverviewData, now: number): "green" | "amber" | "red" {
  const waitedMs = d.totals.oldestWaiting ? now - Date.parse(d.totals.oldestWaiting) : 0;
  if (d.breaker === "open" || waitedMs > 15 * 60_000) return "red";
  if (d.breaker === "half-open" || waitedMs > 2 * 60_000 || d.totals.attention > 0) return "amber";
  return "green";
}

/**
 * The overview's figures, read again every 5 s while the page is visible (TanStack Query
 * stops polling in a hidden tab), the range kept in the address.
 */
export function OverviewView({
  initial,
  query,
  statuses,
  failCodes,
  sort,
}: {
  initial: OverviewData;
  query: OverviewQuery;
  statuses: { code: string; label: string }[];
  failCodes: { code: string; meaning: string }[];
  sort: { by: AgentSortKey; dir: "asc" | "desc" };
}) {
  const t = useTranslations("overview");
  const format = useFormatter();
  const locale = useLocale();
  const search = new URLSearchParams(query).toString();
  const { data = initial } = useQuery({
    queryKey: ["overview", search],
    queryFn: async () => {
      const response = await fetch(`/api/overview?${search}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return overviewDataSchema.parse(await response.json());
    },
    initialData: initial,
    refetchInterval: 5000,
  });
  const statusLabel = new Map(statuses.map((s) => [s.code, s.label]));
  const failMeaning = new Map(failCodes.map((f) => [f.code, f.meaning]));
  const time = (iso: string | null) =>
    iso
      ? `${format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short", timeZone: query.tz })} (${query.tz})`
      : "–";
  const seconds = (s: number | null) => (s === null ? "–" : t("seconds", { n: Math.round(s) }));
  const health = deliveryHealth(data, Date.now());
  const HealthIcon = health === "green" ? CircleCheck : health === "amber" ? TriangleAlert : CircleAlert;
  const totalSends = data.buckets.reduce((n, b) => n + b.accepted + b.retried + b.attention, 0);
  const busiest = data.buckets.reduce(
    (best, b) => {
      const n = b.accepted + b.retried + b.attention;
      return n > best.n ? { n, start: b.start } : best;
    },
    { n: 0, start: "" },
  );
  const names = useMemo(
    () => ({ accepted: t("chart.accepted"), retried: t("chart.retried"), attention: t("chart.attention") }),
    [t],
  );
  const sortHref = (key: string) => {
    const sp = new URLSearchParams(query);
    sp.set("sort", key);
    sp.set("dir", sort.by === key && sort.dir === "desc" ? "asc" : "desc");
    return `/overview?${sp}`;
  };
  const agents = [...data.agents].sort((a, b) => {
    const x = a[sort.by] ?? -1;
    const y = b[sort.by] ?? -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return sort.dir === "asc" ? c : -c;
  });
  const reviewHref = (username: string) =>
    `/review?${new URLSearchParams({ agent: username, dateField: "written", from: query.from, to: query.to, tz: query.tz })}`;
  const agentColumns: ColumnDef<AgentRow>[] = [
    {
      id: "username",
      header: t("agents.agent"),
      meta: { sortKey: "username", label: t("agents.agent") },
      cell: ({ row }) => (
        <TextLink href={reviewHref(row.original.username)}>{row.original.username}</TextLink>
      ),
    },
    {
      id: "callsDone",
      header: t("agents.callsDone"),
      meta: { sortKey: "callsDone" },
      cell: ({ row }) => row.original.callsDone,
    },
    {
      id: "accepted",
      header: t("agents.accepted"),
      meta: { sortKey: "accepted" },
      cell: ({ row }) => row.original.accepted,
    },
    {
      id: "attention",
      header: t("agents.attention"),
      meta: { sortKey: "attention" },
      cell: ({ row }) => row.original.attention,
    },
    {
      id: "avgHandleSeconds",
      header: t("agents.handle"),
      meta: { sortKey: "avgHandleSeconds" },
      cell: ({ row }) => seconds(row.original.avgHandleSeconds),
    },
    {
      id: "avgWrapUpSeconds",
      header: t("agents.wrapUp"),
      meta: { sortKey: "avgWrapUpSeconds" },
      cell: ({ row }) => seconds(row.original.avgWrapUpSeconds),
    },
    {
      id: "lastActivity",
      header: t("agents.lastActivity"),
      meta: { sortKey: "lastActivity" },
      cell: ({ row }) => time(row.original.lastActivity),
    },
  ];
  // The chart as a table: behind a disclosure on screen, always on paper.
  const bucketTable = (
    <SimpleTable
      caption={t("chart.title", { tz: query.tz })}
      headings={[t("chart.start"), names.accepted, names.retried, names.attention]}
      rows={data.buckets
        .filter((b) => b.accepted + b.retried + b.attention > 0)
        .map((b) => ({ key: b.start, cells: [time(b.start), b.accepted, b.retried, b.attention] }))}
      empty={t("chart.none")}
    />
  );
  return (
    <div className="space-y-6">
      <form method="get" action="/overview" className="flex flex-wrap items-end gap-3 print:hidden">
        <Field id="overview-from" label={t("range.from")}>
          {(p) => <Input {...p} type="date" name="from" defaultValue={query.from} />}
        </Field>
        <Field id="overview-to" label={t("range.to")}>
          {(p) => <Input {...p} type="date" name="to" defaultValue={query.to} />}
        </Field>
        <Field id="overview-tz" label={t("range.tz")}>
          {(p) => <TimeZoneInput {...p} name="tz" defaultValue={query.tz} />}
        </Field>
        <SubmitButton>{t("range.show")}</SubmitButton>
        <a className={cn(buttonVariants({ variant: "secondary" }))} href={`/api/overview/report?${search}`}>
          {t("report")}
        </a>
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          {t("print")}
        </Button>
      </form>
      {/* On paper, instead of the form: which figures these are. */}
      <p className="hidden print:block" data-testid="print-heading">
        {t("printed", { from: query.from, to: query.to, tz: query.tz })}
      </p>

      <p
        role="status"
        data-testid="delivery-health"
        data-health={health}
        className={cn(
          "flex items-center gap-2 rounded-card border p-3 font-medium",
          health === "green" && "border-success-border bg-success-bg text-success-fg",
          health === "amber" && "border-warning-border bg-warning-bg text-warning-fg",
          health === "red" && "border-danger-border bg-danger-bg text-danger-fg",
        )}
      >
        <HealthIcon aria-hidden className="size-5" />
        {t(`health.${health}`, {
          waiting: data.totals.waiting,
          oldest: time(data.totals.oldestWaiting),
          breaker: t(`breaker.${data.breaker}`),
        })}
      </p>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="overview-totals">
        {(["callsTaken", "writtenBack", "accepted", "attention", "waiting"] as const).map((k) => (
          <div key={k} className="rounded-card border border-border bg-surface p-3">
            <dt className="text-sm text-muted">{t(`totals.${k}`)}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`total-${k}`}>
              {format.number(data.totals[k])}
            </dd>
          </div>
        ))}
      </dl>

      <Section id="overview-chart" title={t("chart.title", { tz: query.tz })} card>
        <p data-testid="chart-summary">
          {totalSends === 0
            ? t("chart.none")
            : t("chart.summary", { total: totalSends, busiest: time(busiest.start), n: busiest.n })}
        </p>
        <ShiftChart buckets={data.buckets} names={names} timeZone={query.tz} locale={locale} />
        <details className="print:hidden">
          <summary className="cursor-pointer">{t("chart.asTable")}</summary>
          {bucketTable}
        </details>
        <div className="hidden print:block">{bucketTable}</div>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <SimpleTable
          caption={t("outcomes.byStatus")}
          headings={[t("outcomes.status"), t("outcomes.calls")]}
          rows={data.statuses.map((s) => ({
            key: s.code ?? "none",
            cells: [
              s.code === null
                ? t("outcomes.notSet")
                : `${s.code} ${statusLabel.get(s.code) ?? t("outcomes.unknown")}`,
              s.count,
            ],
          }))}
          empty={t("outcomes.none")}
        />
        <SimpleTable
          caption={t("outcomes.topFailCodes")}
          headings={[t("outcomes.failCode"), t("outcomes.calls")]}
          rows={data.failCodes.map((f) => ({
            key: f.code ?? "none",
            cells: [
              `${f.code ?? ""} ${f.code ? (failMeaning.get(f.code) ?? t("outcomes.unknown")) : ""}`,
              f.count,
            ],
          }))}
          empty={t("outcomes.none")}
        />
      </div>

      <DataTable
        caption={t("agents.caption")}
        columns={agentColumns}
        data={agents}
        getRowId={(a) => String(a.userId)}
        sorting={{
          by: sort.by,
          dir: sort.dir,
          hrefs: Object.fromEntries(agentSortKeys.map((k) => [k, sortHref(k)])),
        }}
        empty={t("agents.none")}
      />

      <SimpleTable
        caption={t("tasks.caption")}
        headings={[
          t("tasks.task"),
          t("tasks.pool"),
          t("tasks.taken"),
          t("tasks.accepted"),
          t("tasks.lastError"),
        ]}
        rows={data.tasks.map((task) => ({
          key: task.serviceId,
          cells: [
            task.serviceId,
            task.pool,
            task.takenInRange,
            task.acceptedInRange,
            task.lastError ? `${task.lastError} · ${time(task.lastErrorAt)}` : "–",
          ],
        }))}
        empty={t("tasks.none")}
      />
    </div>
  );
}
