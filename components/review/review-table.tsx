"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { DataTable, type ServerSorting } from "@/components/ui/data-table";
import { WriteBackStateBadge } from "@/components/ui/delivery-state";
import { TextLink } from "@/components/ui/text-link";
import type { WriteBackState } from "@/lib/db/enums";

/** One call as the review table shows it (times already written in the chosen zone). */
export type ReviewTableRow = {
  id: number;
  uniqueId: string;
  serviceId: string;
  agent: string | null;
  fetched: string;
  written: string;
  state: WriteBackState;
  /** The status and failure code with their meanings, e.g. "5 Call failed / 00146 No answer". */
  outcome: string;
};

/** The review's calls: sorted by the server (header links), ticked rows post as `id`. */
export function ReviewTable({
  rows,
  sorting,
  back,
}: {
  rows: ReviewTableRow[];
  sorting: ServerSorting;
  /** This review's address: the call page's "back" link returns to it, filters and all. */
  back: string;
}) {
  const t = useTranslations("review");
  const tUi = useTranslations("ui");
  const columns: ColumnDef<ReviewTableRow>[] = [
    {
      id: "customer",
      header: t("columns.customer"),
      meta: { sortKey: "customer", label: t("columns.customer") },
      enableHiding: false,
      cell: ({ row }) => (
        <TextLink href={`/calls/${row.original.id}?back=${encodeURIComponent(back)}`} className="font-medium">
          {row.original.uniqueId}
        </TextLink>
      ),
    },
    {
      id: "task",
      accessorKey: "serviceId",
      header: t("columns.task"),
      meta: { sortKey: "task", label: t("columns.task") },
    },
    {
      id: "agent",
      header: t("columns.agent"),
      meta: { sortKey: "agent", label: t("columns.agent") },
      cell: ({ row }) => row.original.agent ?? <span className="text-muted">{t("pool")}</span>,
    },
    {
      id: "fetched",
      accessorKey: "fetched",
      header: t("columns.fetched"),
      meta: { sortKey: "fetched", label: t("columns.fetched"), cellClassName: "whitespace-nowrap" },
    },
    {
      id: "written",
      accessorKey: "written",
      header: t("columns.written"),
      meta: { sortKey: "written", label: t("columns.written"), cellClassName: "whitespace-nowrap" },
    },
    {
      id: "state",
      header: t("columns.state"),
      meta: { sortKey: "state", label: t("columns.state") },
      cell: ({ row }) => <WriteBackStateBadge state={row.original.state} />,
    },
    {
      id: "outcome",
      accessorKey: "outcome",
      header: t("columns.outcome"),
      meta: { label: t("columns.outcome") },
    },
  ];
  return (
    <DataTable
      caption={t("tableCaption")}
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.id)}
      sorting={sorting}
      selection={{
        name: "id",
        allLabel: tUi("table.selectAll"),
        rowLabel: (r) => t("chooseCall", { uniqueId: r.uniqueId }),
      }}
      columnsLabel={tUi("table.columns")}
      empty={t("empty")}
    />
  );
}
