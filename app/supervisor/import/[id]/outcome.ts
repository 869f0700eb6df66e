import "server-only";
import { getTranslations } from "next-intl/server";
import { importOutcome, type JobView } from "@/lib/import-jobs/jobs";

/** How a finished import ended, in the user's language (the job page and its status poll). */
export async function importOutcomeText(job: JobView): Promise<string | null> {
  const outcome = importOutcome(job);
  if (outcome === null) return null;
  const t = await getTranslations("import.outcome");
  if (outcome.key === "imported")
    return outcome.skipped > 0
      ? t("importedSkipped", {
          inserted: outcome.inserted,
          updated: outcome.updated,
          skipped: outcome.skipped,
        })
      : t("imported", { inserted: outcome.inserted, updated: outcome.updated });
  return t(outcome.key);
}
