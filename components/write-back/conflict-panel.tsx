"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import type { FieldChange } from "@/lib/write-back/diff";
import { type CodeMeanings, isOutcomeField, isTimeField } from "@/lib/write-back/outcome-fields";
import type { ConflictInfo } from "@/lib/write-back/submit";

function ShownValue({
  field,
  value,
  meanings,
}: {
  field: string;
  value: string | number | null;
  meanings?: CodeMeanings | undefined;
}) {
  const t = useTranslations("callPage");
  const tu = useTranslations("ui");
  if (value === null) return <em>{t("changes.empty")}</em>;
  if (isTimeField(field) && typeof value === "string") return <LocalTime iso={value} />;
  const meaning = isOutcomeField(field) ? meanings?.[field]?.[String(value)] : undefined;
  return (
    <span className="font-mono">
      {meaning ? tu("codeWithMeaning", { code: String(value), meaning }) : value}
    </span>
  );
}

/** The changes between two versions, field by field. */
export function ChangeList({
  changes,
  meanings,
}: {
  changes: FieldChange[];
  meanings?: CodeMeanings | undefined;
}) {
  const t = useTranslations("callPage");
  if (changes.length === 0) return <p className="text-sm">{t("changes.none")}</p>;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm">
      {changes.map((c) => (
        <li key={c.field}>
          {isOutcomeField(c.field) ? t(`fields.${c.field}`) : c.label}:{" "}
          <ShownValue field={c.field} value={c.before} meanings={meanings} /> →{" "}
          <ShownValue field={c.field} value={c.after} meanings={meanings} />
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
  meanings,
}: {
  meanings?: CodeMeanings | undefined;
  conflict: ConflictInfo;
  onApply: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("callPage.conflict");
  const who = conflict.changedBy ?? t("someone");
  return (
    <Notice
      tone="error"
      title={
        conflict.changedAt
          ? t.rich("titleAt", { who, at: () => <LocalTime iso={conflict.changedAt ?? ""} /> })
          : t("title", { who })
      }
    >
      <p>{t("whatChanged")}</p>
      <ChangeList changes={conflict.changes} meanings={meanings} />
      <p>{t("decide")}</p>
      <div className="flex flex-wrap gap-3">
        <Button variant="primary" onClick={onApply}>
          {t("sendMine")}
        </Button>
        <Button onClick={onDiscard}>{t("discardMine")}</Button>
      </div>
    </Notice>
  );
}
