import { useTranslations } from "next-intl";
import { LocalTime } from "@/components/ui/local-time";
import type { CodeMeanings } from "@/lib/write-back/outcome-fields";
import type { VersionView } from "@/lib/write-back/versions";
import { ChangeList } from "./conflict-panel";

/** Every version of the call's outcome, newest first: who, when, why, what changed, what iSales said. */
export function VersionHistory({ versions, meanings }: { versions: VersionView[]; meanings: CodeMeanings }) {
  const t = useTranslations("callPage.versions");
  const words = useTranslations("callPage.status.state");
  if (versions.length === 0) return <p className="text-muted">{t("noneYet")}</p>;
  return (
    <ol className="space-y-3" aria-label={t("label")}>
      {versions.map((v) => (
        <li
          key={v.version}
          className="rounded-card border border-border bg-surface p-4"
          data-testid="call-version"
        >
          <p className="flex flex-wrap items-baseline gap-x-3">
            <span className="font-semibold">{t("version", { version: v.version })}</span>
            <span>{t("by", { who: v.changedBy ?? t("unknown") })}</span>
            <LocalTime iso={v.createdAt} />
          </p>
          {v.reason ? <p className="mt-1">{t("reason", { reason: v.reason })}</p> : null}
          <div className="mt-1">
            <ChangeList changes={v.changes} meanings={meanings} />
          </div>
          {v.writeBack ? (
            <p className="mt-1 text-sm">
              {v.writeBack.answer
                ? t("isalesAnswer", {
                    state: words(v.writeBack.state),
                    answer: v.writeBack.answer,
                  })
                : t("isales", { state: words(v.writeBack.state) })}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
