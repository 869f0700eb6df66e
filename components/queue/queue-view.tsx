"use client";

import { useQuery } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { DataTable } from "@/components/ui/data-table";
import { DeliveryStateBadge, useStateWords } from "@/components/ui/delivery-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { RadioGroup } from "@/components/ui/radio-group";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextLink } from "@/components/ui/text-link";
import type { DeliveryState } from "@/lib/db/enums";
import { type QueueView as QueueData, type QueueViewRow, queueViewSchema } from "./queue-data";

type Action = (form: FormData) => Promise<void>;

const queueHref = (state: DeliveryState | undefined, page = 1) => {
  const sp = new URLSearchParams();
  if (state) sp.set("state", state);
  if (page > 1) sp.set("page", String(page));
  const q = sp.toString();
  return q ? `/queue?${q}` : "/queue";
};

/**
 * The queue: counts per state (links that filter), the actions on the ticked rows or on
 * all shown, and the table. Read again every 5 s while the page is visible, through
 * TanStack Query; the first page comes from the server.
 */
export function QueueView({
  initial,
  states,
  state,
  page,
  retryAction,
  cancelAction,
}: {
  initial: QueueData;
  states: DeliveryState[];
  state: DeliveryState | undefined;
  page: number;
  retryAction: Action;
  cancelAction: Action;
}) {
  const t = useTranslations("queue");
  const tUi = useTranslations("ui");
  const words = useStateWords();
  const format = useFormatter();
  const { data } = useQuery({
    queryKey: ["queue", state ?? "", page],
    queryFn: async () => {
      const sp = new URLSearchParams({ state: state ?? "", page: String(page) });
      const response = await fetch(`/api/queue?${sp}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return queueViewSchema.parse(await response.json());
    },
    initialData: initial,
    refetchInterval: 5_000,
  });
  const now = new Date(data.now);
  const totalPages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const all = states.reduce((n, s) => n + (data.counts[s] ?? 0), 0);
  const countLink = (active: boolean) =>
    cn(
      buttonVariants({ variant: "secondary", size: "sm" }),
      active && "border-2 border-primary bg-info-bg font-semibold",
    );

  const columns: ColumnDef<QueueViewRow>[] = [
    {
      id: "call",
      header: t("columns.call"),
      meta: { label: t("columns.call") },
      enableHiding: false,
      cell: ({ row }) => <TextLink href={`/calls/${row.original.callId}`}>{row.original.uniqueId}</TextLink>,
    },
    { id: "task", accessorKey: "serviceId", header: t("columns.task"), meta: { label: t("columns.task") } },
    {
      id: "state",
      header: t("columns.state"),
      meta: { label: t("columns.state") },
      cell: ({ row }) => (
        <span className="flex flex-wrap items-center gap-1">
          <DeliveryStateBadge state={row.original.state} />
          {row.original.interface === "result" ? <Badge tone="info">{t("finalResult")}</Badge> : null}
        </span>
      ),
    },
    {
      id: "age",
      header: t("columns.age"),
      meta: { label: t("columns.age"), cellClassName: "whitespace-nowrap" },
      cell: ({ row }) => (
        <time dateTime={row.original.createdAt}>
          {format.relativeTime(new Date(row.original.createdAt), now)}
        </time>
      ),
    },
    {
      id: "attempts",
      accessorKey: "attempts",
      header: t("columns.attempts"),
      meta: { label: t("columns.attempts") },
    },
    {
      id: "lastAnswer",
      header: t("columns.lastAnswer"),
      meta: { label: t("columns.lastAnswer") },
      cell: ({ row }) => row.original.lastError ?? <span className="text-muted">{t("notSentYet")}</span>,
    },
    {
      id: "by",
      header: t("columns.by"),
      meta: { label: t("columns.by") },
      cell: ({ row }) =>
        row.original.bulkId
          ? t("byBulk", { user: row.original.sentBy ?? "", bulkId: row.original.bulkId })
          : (row.original.sentBy ?? ""),
    },
  ];

  return (
    <>
      <nav aria-label={t("countsLabel")} className="flex flex-wrap gap-2">
        <Link href="/queue" aria-current={state ? undefined : "true"} className={countLink(!state)}>
          {t("countAll", { count: all })}
        </Link>
        {states.map((s) => (
          <Link
            key={s}
            href={queueHref(s)}
            aria-current={state === s ? "true" : undefined}
            className={countLink(state === s)}
            data-testid={`queue-count-${s}`}
          >
            {t("count", { state: words.delivery(s), count: data.counts[s] ?? 0 })}
          </Link>
        ))}
      </nav>

      <form method="post" className="space-y-3">
        <input type="hidden" name="state" value={state ?? ""} />
        <fieldset className="flex flex-wrap items-end gap-4 rounded-card border border-border bg-surface p-3">
          <legend className="px-1 text-sm font-semibold">{t("legend")}</legend>
          <RadioGroup
            name="scope"
            legend={t("scope")}
            legendClassName="sr-only"
            defaultValue="selected"
            options={[
              { value: "selected", label: t("selected") },
              { value: "all", label: t("all", { count: data.total }) },
            ]}
          />
          <SubmitButton formAction={retryAction} variant="secondary" data-action="retry">
            {t("retry")}
          </SubmitButton>
          <Field id="cancel-reason" label={t("reason")}>
            {(p) => <Input {...p} name="reason" maxLength={500} className="w-72 max-w-full" />}
          </Field>
          <ConfirmSubmit
            formAction={cancelAction}
            selection={{ all: data.total }}
            label={t("cancel")}
            title={t("cancelTitle")}
            description={(n) => (n > 0 ? t("cancelText", { count: n }) : t("cancelNone"))}
            confirmLabel={(n) => t("cancelConfirm", { count: n })}
            cancelLabel={t("keep")}
            noScript={{
              description: t("cancelTextNoScript", { count: data.total }),
              confirmLabel: t("cancelConfirmNoScript"),
            }}
            size="md"
            testId="cancel"
          />
        </fieldset>
        <DataTable
          caption={t("tableCaption")}
          columns={columns}
          data={data.rows}
          getRowId={(r) => String(r.id)}
          selection={{
            name: "id",
            allLabel: tUi("table.selectAll"),
            rowLabel: (r) => t("chooseRow", { id: r.id, uniqueId: r.uniqueId }),
          }}
          columnsLabel={tUi("table.columns")}
          empty={t("empty")}
        />
      </form>
      <Pager page={page} totalPages={totalPages} href={(n) => queueHref(state, n)} />
    </>
  );
}
