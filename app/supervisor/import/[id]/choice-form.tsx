"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { importChoiceAction } from "../actions";

export function ChoiceForm({
  id,
  fileName,
  goodRows,
  badRows,
}: {
  id: number;
  fileName: string;
  goodRows: number;
  badRows: number;
}) {
  const t = useTranslations("import.job");
  const tUi = useTranslations("ui");
  const [state, action] = useActionState(importChoiceAction, null);
  return (
    <form action={action} aria-label={t("how")} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton name="mode" value="all">
        {t("importAll")}
      </SubmitButton>
      {badRows > 0 ? (
        <SubmitButton name="mode" value="good" variant="secondary">
          {t("importGood")}
        </SubmitButton>
      ) : null}
      <ConfirmSubmit
        name="mode"
        value="discard"
        size="md"
        label={t("discard")}
        title={t("discardTitle", { fileName })}
        description={t("discardText", { fileName, rows: goodRows + badRows })}
        confirmLabel={t("discardConfirm", { fileName })}
        cancelLabel={tUi("cancel")}
      />
      {state?.message ? (
        <Notice tone={state.ok ? "success" : "error"} className="w-full">
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}
