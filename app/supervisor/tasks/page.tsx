import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input, Options, Select } from "@/components/ui/input";
import { LocalTimeOrNever } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { SimpleTable, TableSection } from "@/components/ui/table";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getIsalesClient, IsalesError } from "@/lib/isales/client";
import { pullTarget } from "@/lib/pull/process";
import { listPullRejects, listPullTasks } from "@/lib/pull/tasks";
import { settings } from "@/lib/settings";
import { chooseTaskAction, dropTaskAction, fetchNowAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("title") };
}
export const dynamic = "force-dynamic";

async function isalesTasks(subCCNo: number, vdnId: number): Promise<{ ids: string[]; error?: string }> {
  try {
    return { ids: (await getIsalesClient().tasks(subCCNo, vdnId)).map((t) => t.serviceId) };
  } catch (error) {
    return { ids: [], error: error instanceof IsalesError ? error.message : "" };
  }
}

/** A task's low-water mark and batch size (choosing a task, and changing a chosen one's). */
function MarkFields({
  ids,
  labels,
  values,
  compact = false,
}: {
  ids: { lowWater: string; batch: string };
  labels: { lowWater: string; batch: string };
  values: { lowWater: number; batch: number };
  compact?: boolean;
}) {
  const fields = [
    {
      id: ids.lowWater,
      label: labels.lowWater,
      name: "lowWater",
      value: values.lowWater,
      min: 0,
      max: undefined,
    },
    { id: ids.batch, label: labels.batch, name: "batchCount", value: values.batch, min: 1, max: 1000 },
  ];
  return fields.map((f) => (
    <Field key={f.name} id={f.id} label={f.label} labelClassName={compact ? "sr-only" : undefined}>
      {(p) => (
        <Input
          {...p}
          name={f.name}
          type="number"
          min={f.min}
          max={f.max}
          defaultValue={f.value}
          className={compact ? "w-20" : undefined}
        />
      )}
    </Field>
  ));
}

/** Supervisors (and admins): which iSales tasks are pulled, their stock, and what went wrong. */
export default async function TasksPage() {
  await requireRole("supervisor");
  const [t, tUi] = await Promise.all([getTranslations("tasks"), getTranslations("ui")]);
  const target = pullTarget();
  if (target === null) {
    return (
      <PageMain>
        <PageHeader title={t("heading")} />
        <Notice tone="error">{t("notSet")}</Notice>
      </PageMain>
    );
  }
  const db = await getDb();
  const s = settings();
  const [chosen, offered, rejects] = await Promise.all([
    listPullTasks(db, target.vdnId),
    isalesTasks(target.subCCNo, target.vdnId),
    listPullRejects(db, 50),
  ]);
  const chosenIds = new Set(chosen.map((task) => task.serviceId));
  const choosable = offered.ids.filter((id) => !chosenIds.has(id));
  const never = t("never");

  return (
    <PageMain>
      <PageHeader
        title={t("heading")}
        description={t("description", {
          subCCNo: target.subCCNo,
          vdnId: target.vdnId,
          seconds: s.PULL_MIN_INTERVAL_MS / 1000,
        })}
      />

      <Section id="choose" title={t("choose.heading")} card>
        {offered.error !== undefined ? (
          <Notice tone="error">
            {offered.error ? t("choose.listFailed", { error: offered.error }) : t("choose.listFailedPlain")}
          </Notice>
        ) : null}
        <ActionForm action={chooseTaskAction} label={t("choose.heading")} submitLabel={t("choose.submit")}>
          <Field id="serviceId" label={t("choose.task")}>
            {(p) => (
              <Select {...p} name="serviceId" required>
                <Options values={choosable} />
              </Select>
            )}
          </Field>
          <MarkFields
            ids={{ lowWater: "lowWater", batch: "batchCount" }}
            labels={{ lowWater: t("choose.lowWater"), batch: t("choose.batch") }}
            values={{ lowWater: s.PULL_LOW_WATER, batch: s.PULL_BATCH_COUNT }}
          />
        </ActionForm>
      </Section>

      <Section id="chosen" title={t("chosen.heading")}>
        {chosen.length === 0 ? (
          <EmptyState title={t("chosen.none")} />
        ) : (
          <SimpleTable
            caption={t("chosen.heading")}
            headings={(["task", "stock", "marks", "lastFetch", "problems", "actions"] as const).map((k) =>
              t(`chosen.${k}`),
            )}
            rows={chosen.map((task) => ({
              key: task.id,
              cells: [
                task.serviceId,
                task.stock,
                <ActionForm
                  key="marks"
                  action={chooseTaskAction}
                  label={t("chosen.marksOf", { task: task.serviceId })}
                  submitLabel={t("chosen.save")}
                >
                  <input type="hidden" name="serviceId" value={task.serviceId} />
                  <MarkFields
                    ids={{ lowWater: `lw-${task.id}`, batch: `bc-${task.id}` }}
                    labels={{
                      lowWater: t("chosen.lowWaterOf", { task: task.serviceId }),
                      batch: t("chosen.batchOf", { task: task.serviceId }),
                    }}
                    values={{ lowWater: task.lowWater, batch: task.batchCount }}
                    compact
                  />
                </ActionForm>,
                <span key="last">
                  <LocalTimeOrNever date={task.lastSuccessAt} never={never} />
                  {task.lastFetched !== null
                    ? ` ${t("chosen.fetchedCalls", { count: task.lastFetched })}`
                    : ""}
                  {task.workedOut ? ` · ${t("chosen.workedOut")}` : ""}
                </span>,
                task.failures > 0 ? (
                  <span key="p" className="text-danger-fg">
                    {t("chosen.failures", { count: task.failures, error: task.lastError ?? "" })}{" "}
                    <LocalTimeOrNever date={task.lastErrorAt} never={never} /> · {t("chosen.nextTry")}{" "}
                    <LocalTimeOrNever date={task.nextFetchAt} never={never} />
                  </span>
                ) : (
                  t("chosen.noProblems")
                ),
                <div key="a" className="space-y-2">
                  <ActionForm
                    action={fetchNowAction}
                    label={t("chosen.fetchNowFor", { task: task.serviceId })}
                    submitLabel={t("chosen.fetchNow")}
                  >
                    <input type="hidden" name="serviceId" value={task.serviceId} />
                  </ActionForm>
                  <ActionForm
                    action={dropTaskAction}
                    label={t("chosen.stopFor", { task: task.serviceId })}
                    submitLabel={t("chosen.stop")}
                    confirm={{
                      title: t("chosen.stopTitle", { task: task.serviceId }),
                      description: t("chosen.stopText", { task: task.serviceId, stock: task.stock }),
                      confirm: t("chosen.stopConfirm", { task: task.serviceId }),
                      cancel: tUi("cancel"),
                    }}
                  >
                    <input type="hidden" name="serviceId" value={task.serviceId} />
                  </ActionForm>
                </div>,
              ],
            }))}
          />
        )}
      </Section>

      <TableSection
        id="rejects"
        title={t("rejects.heading")}
        headings={(["when", "task", "why", "raw"] as const).map((k) => t(`rejects.${k}`))}
        empty={t("rejects.none")}
        rows={rejects.map((r) => ({
          key: r.id,
          cells: [
            <LocalTimeOrNever key="w" date={r.fetchedAt} never={never} />,
            r.serviceId,
            r.reason,
            <code key="c" className="break-all">
              {r.raw}
            </code>,
          ],
        }))}
      />
    </PageMain>
  );
}
