import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { TableSection } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { listImportJobs } from "@/lib/import-jobs/jobs";
import { type UploadProblem, uploadProblems } from "./upload/problems";
import { UploadForm } from "./upload-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}
export const dynamic = "force-dynamic";

const isProblem = (key: unknown): key is UploadProblem =>
  typeof key === "string" && Object.hasOwn(uploadProblems, key);

/** Supervisors (and admins): upload a file of calls, then check and import it. */
export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  // Set by the upload handler when a plain form (no JavaScript) was refused.
  const problem = (await searchParams).upload;
  const [jobs, t] = await Promise.all([listImportJobs(await getDb()), getTranslations("import")]);
  return (
    <PageMain>
      <PageHeader title={t("heading")} description={t("columnsHelp")} />
      <Section id="upload" title={t("upload.heading")} card>
        {isProblem(problem) ? <Notice tone="error">{t(`upload.problems.${problem}`)}</Notice> : null}
        <UploadForm />
      </Section>
      <TableSection
        id="recent"
        title={t("recent.heading")}
        headings={(["file", "state", "good", "bad"] as const).map((k) => t(`recent.${k}`))}
        empty={t("recent.none")}
        rows={jobs.map((j) => ({
          key: j.id,
          cells: [
            <TextLink key="f" href={`/supervisor/import/${j.id}`}>
              {j.fileName}
            </TextLink>,
            t(`jobState.${j.state}`),
            j.goodRows,
            j.badRows,
          ],
        }))}
      />
    </PageMain>
  );
}
