"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { DataTable } from "@/components/ui/data-table";
import { WriteBackStateBadge } from "@/components/ui/delivery-state";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Section } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { withToast } from "@/components/ui/toaster";
import type { WriteBackState } from "@/lib/db/enums";

type Row = { id: string; name: string; state: WriteBackState; count: number };
const rows: Row[] = [
  { id: "1", name: "Alpha", state: "accepted", count: 3 },
  { id: "2", name: "Bravo", state: "refused", count: 1 },
  { id: "3", name: "Charlie", state: "pending", count: 7 },
];

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The parts of the design-system page that need the browser: dialogs, toasts, the table. */
export function DevDemos() {
  const t = useTranslations("ui");
  const [submitted, setSubmitted] = useState<string | null>(null);
  const columns: ColumnDef<Row>[] = [
    { accessorKey: "name", header: t("dev.colName"), meta: { label: t("dev.colName"), sortKey: "name" } },
    {
      accessorKey: "state",
      header: t("dev.colState"),
      meta: { label: t("dev.colState") },
      cell: ({ row }) => <WriteBackStateBadge state={row.original.state} />,
    },
    { accessorKey: "count", header: t("dev.colCount"), meta: { label: t("dev.colCount"), sortKey: "count" } },
  ];
  return (
    <>
      <Section id="dialogs" title={t("dev.dialogs")} card>
        <div className="flex flex-wrap gap-2">
          <Dialog>
            <DialogTrigger asChild>
              <Button>{t("dev.openDialog")}</Button>
            </DialogTrigger>
            <DialogContent closeLabel={t("close")}>
              <DialogTitle>{t("dev.dialogTitle")}</DialogTitle>
              <DialogDescription>{t("dev.dialogText")}</DialogDescription>
              <Field id="dev-dialog-name" label={t("dev.name")}>
                {(p) => <Input {...p} />}
              </Field>
              <DialogFooter>
                <DialogClose asChild>
                  <Button>{t("close")}</Button>
                </DialogClose>
              </DialogFooter>
            </DialogContent>
          </Dialog>
          <form
            aria-label={t("dev.destroy")}
            action={async (form: FormData) => {
              await wait(600);
              setSubmitted(String(form.get("what") ?? ""));
              withToast((toast) => toast.success(t("dev.destroyDone")));
            }}
            className="flex flex-wrap items-start gap-2"
          >
            <ConfirmSubmit
              label={t("dev.destroy")}
              title={t("dev.destroyTitle")}
              description={t("dev.destroyText")}
              confirmLabel={t("dev.destroyConfirm")}
              cancelLabel={t("cancel")}
              name="what"
              value="delete"
              testId="dev-destroy"
            />
            <SubmitButton name="what" value="save">
              {t("dev.formPending")}
            </SubmitButton>
          </form>
        </div>
        <p aria-live="polite" data-testid="dev-submitted">
          {submitted ? t("dev.submitted", { choice: submitted }) : ""}
        </p>
      </Section>

      <Section id="toasts" title={t("dev.toasts")} card>
        <Button onClick={() => withToast((toast) => toast.success(t("dev.toastText")))}>
          {t("dev.showToast")}
        </Button>
      </Section>

      <Section id="table" title={t("dev.table")} card>
        <form aria-label={t("dev.table")} action={async () => {}}>
          <DataTable
            caption={t("dev.tableCaption")}
            columns={columns}
            data={rows}
            getRowId={(r) => r.id}
            sorting={{
              by: "name",
              dir: "asc",
              hrefs: { name: "/dev/ui?sort=name#table", count: "/dev/ui?sort=count#table" },
            }}
            selection={{
              name: "id",
              allLabel: t("table.selectAll"),
              rowLabel: (r) => t("dev.rowLabel", { name: r.name }),
            }}
            columnsLabel={t("table.columns")}
            empty={t("dev.emptyTitle")}
          />
        </form>
      </Section>
    </>
  );
}
