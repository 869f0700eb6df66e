"use client";

import { useTranslations } from "next-intl";
import { LocalTime } from "@/components/ui/local-time";
import type { FieldChange } from "@/lib/write-back/diff";
import { isOutcomeField, isTimeField } from "@/lib/write-back/outcome";
import type { ConflictInfo } from "@/lib/write-back/submit";

function ShownValue({ field, value }: { field: string; value: string | number | null }) {
  const t = useTranslations("callPage");
  if (value === null) return <em>{t("changes.empty")}</em>;
  if (isTimeField(field) && typeof value === "string") return <LocalTime iso={value} />;
  return <span className="font-mono">{value}</span>;
}

/** The changes between two versions, field by field. */
export function ChangeList({ changes }: { changes: FieldChange[] }) {
  const t = useTranslations("callPage");
  if (changes.length === 0) return <p className="text-sm">{t("changes.none")}</p>;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm">
      {changes.map((c) => (
        <li key={c.field}>
          {isOutcomeField(c.field) ? t(`fields.${c.field}`) : c.label}:{" "}
          <ShownValue field={c.field} value={c.before} /> → <ShownValue field={c.field} value={c.after} />
        </li>
      ))}
    </ul>
  );
}

/**
 * A send refused because someone else changed the call after the form was loaded: who,
 * when, what they changed, and the two ways on (send mine on the new version, or discard
 * mine and show theirs). Nothing of the user's was saved yet; their values stay in the form.
 */
export function ConflictPanel({
  conflict,
  onApply,
  onDiscard,
}: {
  conflict: ConflictInfo;
  onApply: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("callPage.conflict");
  const who = conflict.changedBy ?? t("someone");
  return (
    <div role="alert" className="space-y-2 rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-950">
      <p className="font-semibold">
        {conflict.changedAt
          ? t.rich("titleAt", { who, at: () => <LocalTime iso={conflict.changedAt ?? ""} /> })
          : t("title", { who })}
      </p>
      <p>{t("whatChanged")}</p>
      <ChangeList changes={conflict.changes} />
      <p>{t("decide")}</p>
      <div className="flex flex-wrap gap-3">
        <button type="button" className="button-primary" onClick={onApply}>
          {t("sendMine")}
        </button>
        <button type="button" className="button-secondary" onClick={onDiscard}>
          {t("discardMine")}
        </button>
      </div>
    </div>
  );
}
