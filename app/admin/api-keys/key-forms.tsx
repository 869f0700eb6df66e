"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError } from "@/lib/actions/result";
import { createKeyAction, revokeKeyAction } from "./actions";

export function CreateKeyForm() {
  const t = useTranslations("apiKeys");
  const [state, action] = useActionState(createKeyAction, null);
  return (
    <form action={action} aria-label={t("make.label")} className="flex flex-wrap items-end gap-3">
      <Field id="key-name" label={t("make.name")} error={firstError(state, "name")}>
        {(p) => <Input {...p} name="name" required />}
      </Field>
      <Field id="key-tasks" label={t("make.tasks")} error={firstError(state, "serviceIds")}>
        {(p) => <Input {...p} name="serviceIds" required />}
      </Field>
      <Field id="key-rate" label={t("make.rate")} error={firstError(state, "rateLimitPerMin")}>
        {(p) => <Input {...p} name="rateLimitPerMin" type="number" min={1} />}
      </Field>
      <SubmitButton variant="secondary">{t("make.submit")}</SubmitButton>
      {state?.message ? (
        <Notice tone={state.ok ? "success" : "error"} className="w-full">
          {state.message}
          {state.ok && state.key ? (
            <span className="mt-2 flex flex-col gap-1">
              <label htmlFor="new-key" className="font-medium">
                {t("make.newKey")}
              </label>
              <Input id="new-key" readOnly value={state.key} className="w-full max-w-xl font-mono" />
            </span>
          ) : null}
        </Notice>
      ) : null}
    </form>
  );
}

export function RevokeKeyForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations("apiKeys");
  const tUi = useTranslations("ui");
  const [state, action] = useActionState(revokeKeyAction, null);
  return (
    <form action={action} aria-label={t("revoke.label", { name })} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <ConfirmSubmit
        label={t("revoke.button")}
        title={t("revoke.title", { name })}
        description={t("revoke.text", { name })}
        confirmLabel={t("revoke.confirm", { name })}
        cancelLabel={tUi("cancel")}
      />
      {state?.message ? <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice> : null}
    </form>
  );
}
