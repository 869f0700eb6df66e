import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/calls/query-provider";
import { BulkProgress } from "@/components/review/bulk-progress";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { type WriteBackState, writeBackStates } from "@/lib/db/enums";
import { getBulkJob } from "@/lib/review/bulk";
import { discardBulkAction, sendBulkAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("bulkPage.title") };
}

const isWriteBackState = (s: string): s is WriteBackState =>
  (writeBackStates as readonly string[]).includes(s);

/** A bulk re-send or finalise: its dry run (what will be sent), then its progress once sent. */
export default async function BulkPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  const job = await getBulkJob(await getDb(), Number((await params).id));
  if (!job) notFound();
  const [error, t, tUi] = await Promise.all([
    searchParams.then((p) => p.error),
    getTranslations("review.bulkPage"),
    getTranslations("ui"),
  ]);
  const { byState, byTask, skipped } = job.summary;
  const n = job.callIds.length;

  return (
    <PageMain width="narrow">
      <PageHeader
        title={job.kind === "finalise" ? t("headingFinalise", { id: job.id }) : t("heading", { id: job.id })}
        description={t("chosen", { selection: job.selection })}
        back={{ href: "/review", label: t("back") }}
      />
      <Section id="dry-run-heading" title={t("dryRun")}>
        <p data-testid="dry-run-count">
          {job.kind === "finalise" ? t("willFinalise", { count: n }) : t("willSend", { count: n })}
        </p>
        <ul className="list-disc pl-6">
          {Object.entries(byState).map(([state, count]) => (
            <li key={state}>
              {t("byState", {
                count,
                state: isWriteBackState(state) ? tUi(`writeBackState.${state}`) : state,
              })}
            </li>
          ))}
          {Object.entries(byTask).map(([task, count]) => (
            <li key={task}>{t("byTask", { count, task })}</li>
          ))}
        </ul>
        {Object.keys(skipped).length > 0 && (
          <>
            <p>{t("leftOut")}</p>
            <ul className="list-disc pl-6" data-testid="dry-run-skipped">
              {Object.entries(skipped).map(([why, count]) => (
                <li key={why}>{t("skipped", { count, why })}</li>
              ))}
            </ul>
          </>
        )}
        {job.sample.length > 0 && (
          <details open>
            <summary className="cursor-pointer">{t("sample")}</summary>
            {job.sample.map((s) => (
              <pre
                key={s.callId}
                className="mt-2 overflow-x-auto rounded-control border border-border bg-surface-muted p-2 text-xs"
              >
                {s.body}
              </pre>
            ))}
          </details>
        )}
      </Section>

      {job.state === "draft" && n > 0 && (
        <form method="post" className="space-y-3 rounded-card border border-border bg-surface p-4">
          <input type="hidden" name="bulkId" value={job.id} />
          <Field id="reason" label={t("reason")} error={error === "reason" ? t("reasonError") : undefined}>
            {(p) => <Textarea {...p} name="reason" required maxLength={500} />}
          </Field>
          <div className="flex flex-wrap items-start gap-3">
            <SubmitButton formAction={sendBulkAction} data-action="send-bulk">
              {t("send", { count: n })}
            </SubmitButton>
            <ConfirmSubmit
              formAction={discardBulkAction}
              label={t("discard")}
              title={t("discardTitle")}
              description={t("discardText", { count: n })}
              confirmLabel={t("discardConfirm", { count: n })}
              cancelLabel={tUi("cancel")}
              size="md"
              testId="discard-bulk"
            />
          </div>
        </form>
      )}
      {job.state === "draft" && n === 0 && (
        <Notice tone="info">{job.kind === "finalise" ? t("nothingFinalise") : t("nothing")}</Notice>
      )}
      {job.state === "discarded" && <Notice tone="info">{t("discarded")}</Notice>}
      {error === "sent" && <Notice tone="error">{t("alreadySent")}</Notice>}
      {job.state === "sent" && (
        <>
          <Notice tone="success" live={false}>
            {t("sent", { reason: job.reason ?? "", queued: job.queued })}
          </Notice>
          <QueryProvider>
            <BulkProgress bulkId={job.id} />
          </QueryProvider>
        </>
      )}
    </PageMain>
  );
}
