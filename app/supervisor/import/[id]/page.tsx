import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/calls/query-provider";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { SimpleTable, TableSection } from "@/components/ui/table";
import { requireRole } from "@/lib/auth/guards";
import type { ImportError } from "@/lib/calls/parse-file";
import { getDb } from "@/lib/db";
import { getImportJob } from "@/lib/import-jobs/jobs";
import { ChoiceForm } from "./choice-form";
import { importOutcomeText } from "./outcome";
import { ImportProgress } from "./progress";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}
export const dynamic = "force-dynamic";

const previewColumns = ["line", "serviceId", "uniqueId", "phoneNumber", "callData", "agent"] as const;

export default async function ImportJobPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("supervisor");
  const id = Number((await params).id);
  const job = Number.isSafeInteger(id) ? await getImportJob(await getDb(), id) : null;
  if (!job) notFound();
  const [t, tRow] = await Promise.all([getTranslations("import.job"), getTranslations("import.rowErrors")]);
  // A bad row's problem in the user's language, from its code (the English words otherwise).
  const problem = (e: ImportError) =>
    e.code && tRow.has(e.code as never) ? tRow(e.code as never, e.values as never) : e.message;
  const counts = { good: job.goodRows, bad: job.badRows, format: job.format };
  return (
    <PageMain>
      <PageHeader
        title={t("heading", { fileName: job.fileName })}
        back={{ href: "/supervisor/import", label: t("back") }}
        description={
          job.encoding ? t("summaryEncoding", { ...counts, encoding: job.encoding }) : t("summary", counts)
        }
      />
      {job.warnings.map((w) => (
        <Notice key={w} tone="warning" live={false}>
          {w}
        </Notice>
      ))}
      {job.state === "preview" ? (
        <ChoiceForm id={job.id} fileName={job.fileName} goodRows={job.goodRows} badRows={job.badRows} />
      ) : (
        <QueryProvider>
          <ImportProgress
            id={job.id}
            initial={{
              state: job.state,
              processed: job.processed,
              goodRows: job.goodRows,
              message: await importOutcomeText(job),
            }}
          />
        </QueryProvider>
      )}
      <TableSection
        id="preview"
        title={t("firstRows")}
        headings={[...previewColumns]}
        rows={job.preview.map((row, i) => ({
          key: row.line ?? i,
          cells: previewColumns.map((c) => row[c]),
        }))}
      />
      {job.errorCount > 0 ? (
        <Section
          id="errors"
          title={
            job.errorCount > job.errors.length
              ? t("badRowsFirst", { count: job.errorCount, listed: job.errors.length })
              : t("badRows", { count: job.errorCount })
          }
        >
          <SimpleTable
            caption={t("badRows", { count: job.errorCount })}
            headings={[t("line"), t("field"), t("problem")]}
            rows={job.errors.map((e, i) => ({
              key: i,
              cells: [
                e.record === undefined ? e.line : t("lineRecord", { line: e.line, record: e.record }),
                e.field,
                problem(e),
              ],
            }))}
          />
        </Section>
      ) : null}
    </PageMain>
  );
}
