import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { finaliseAction } from "@/app/calls/[id]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import type { Call } from "@/lib/db/schema";

/**
 * The call's final result (call/result): when it became final, or the form that marks the
 * current outcome final, for whoever may (`mayFinalise`, decided on the server by the
 * catalogue's rules and the role; the action checks it all again). The submission id is
 * made here, so sending the same rendered form twice is one write-back.
 */
export async function FinalisePanel({
  call,
  supervising,
  mayFinalise,
}: {
  call: Pick<Call, "id" | "version" | "status" | "finalisedAt">;
  supervising: boolean;
  mayFinalise: boolean;
}) {
  const t = await getTranslations("callPage.final");
  if (call.finalisedAt !== null) {
    return (
      <p>
        {t.rich("isFinal", {
          at: () => <LocalTime iso={call.finalisedAt?.toISOString() ?? ""} className="font-medium" />,
        })}
      </p>
    );
  }
  if (call.version === 0 || call.status === null) return <p className="text-muted">{t("noOutcome")}</p>;
  if (!mayFinalise) return <p className="text-muted">{t("notAllowed")}</p>;
  return (
    <div className="space-y-2">
      <p className="text-muted">{supervising ? t("explainSupervisor") : t("explainAgent")}</p>
      <ActionForm
        action={finaliseAction}
        label={t("heading")}
        submitLabel={t("button")}
        confirm={{
          title: t("confirmTitle"),
          description: t("confirmDescription"),
          confirm: t("confirm"),
          cancel: t("cancel"),
        }}
      >
        <input type="hidden" name="callRecordId" value={call.id} />
        <input type="hidden" name="submissionId" value={randomUUID()} />
        <input type="hidden" name="baseVersion" value={call.version} />
        {supervising ? (
          <Field id="final-reason" label={t("reason")} hint={t("reasonHint")} className="min-w-64 flex-1">
            {(control) => <Input {...control} name="reason" required maxLength={500} />}
          </Field>
        ) : null}
      </ActionForm>
    </div>
  );
}

/** What an agent sees in place of the form once the call's outcome is final. */
export async function FinalLockedNotice() {
  const t = await getTranslations("callPage.final");
  return <Notice tone="info">{t("agentLocked")}</Notice>;
}
