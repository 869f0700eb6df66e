import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { TableSection } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { listErasures } from "@/lib/retention/purge";
import { retentionSettings } from "@/lib/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("erasures"))("title") };
}
export const dynamic = "force-dynamic";

/** What is erased, by the names the purge records (lib/retention/purge.ts). */
const parts = [
  "phoneNumbers",
  "callData",
  "drafts",
  "writeBackBodies",
  "attemptAnswers",
  "versions",
  "sample",
  "preview",
  "raw",
] as const;
const isPart = (p: string): p is (typeof parts)[number] => (parts as readonly string[]).includes(p);

/**
 * Personal data erased under the retention setting (issue 11): what, of which record, when,
 * and from which time the retention ran. Supervisors only (the layout and this page check).
 */
export default async function ErasuresPage() {
  await requireRole("supervisor");
  const [t, db] = await Promise.all([getTranslations("erasures"), getDb()]);
  const rows = await listErasures(db, 200);
  const days = retentionSettings().RETENTION_DAYS;
  return (
    <PageMain>
      <PageHeader title={t("title")} description={t("description")} />
      <Notice tone="info" live={false}>
        {days > 0 ? t("settingOn", { days }) : t("settingOff")}
      </Notice>
      <TableSection
        id="erasures-heading"
        title={t("listHeading")}
        headings={[t("columns.when"), t("columns.record"), t("columns.erased"), t("columns.since")]}
        empty={t("empty")}
        rows={rows.map((r) => ({
          key: r.id,
          cells: [
            <LocalTime key="at" iso={r.erasedAt.toISOString()} />,
            r.kind === "call" ? (
              <TextLink key="rec" href={`/calls/${r.subjectId}`}>
                {t("kind.call", { id: r.subjectId })}
              </TextLink>
            ) : (
              t(`kind.${r.kind}`, { id: r.subjectId })
            ),
            r.erased
              .map((p) => {
                const label = isPart(p) ? t(`part.${p}`) : p;
                const n = r.counts[p];
                return n !== undefined && n > 1 ? `${label} (${n})` : label;
              })
              .join(", "),
            <span key="since">
              <LocalTime iso={r.since.toISOString()} /> {t("afterDays", { days: r.retentionDays })}
            </span>,
          ],
        }))}
      />
    </PageMain>
  );
}
