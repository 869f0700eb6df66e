"use client";

import { useTranslations } from "next-intl";
import { type ComponentProps, type FormEvent, useActionState, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { makeSignInSchema } from "@/lib/auth/schemas";
import { looseTranslator } from "@/lib/i18n/translate";
import { makeValidationMessages } from "@/lib/validation/messages";
import { type SignInFieldErrors, signInAction } from "./actions";

/**
 * A plain form with the server action as its `action`: before the page's JavaScript has
 * loaded (or with none) the browser POSTs it and the server answers with the page again,
 * signed in or with the message. Once loaded, the same schema checks the fields here
 * first, so a blank field is named at once without a round trip. react-hook-form is not
 * used: two fields need no form library, and its asynchronous submit cannot decide in
 * time whether the browser's own submission should go ahead.
 */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("signIn");
  const ts = useTranslations("signIn.schema");
  const tv = useTranslations("validation");
  // The server's schema, its messages in the page's language.
  const signInSchema = useMemo(
    () => makeSignInSchema(looseTranslator(ts), makeValidationMessages(looseTranslator(tv))),
    [ts, tv],
  );
  const [state, formAction, pending] = useActionState(signInAction, null);
  const [clientErrors, setClientErrors] = useState<SignInFieldErrors | null>(null);
  // The browser's check, until the server answers a later submit.
  const errors = clientErrors ?? state?.fieldErrors ?? {};

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ username: data.get("username"), password: data.get("password") });
    if (parsed.success) {
      setClientErrors(null);
      return; // React submits the form to the action.
    }
    event.preventDefault();
    const found: SignInFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "username" || field === "password") && !found[field]) found[field] = issue.message;
    }
    setClientErrors(found);
  };

  const field = (name: "username" | "password", props: ComponentProps<typeof Input>) => (
    <Field id={name} label={t(name)} error={errors[name]}>
      {(p) => <Input {...p} name={name} {...props} />}
    </Field>
  );

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-describedby="sign-in-message"
    >
      <input type="hidden" name="next" value={next} />
      {field("username", {
        autoComplete: "username",
        autoCapitalize: "none",
        spellCheck: false,
        defaultValue: state?.username ?? "",
      })}
      {field("password", { type: "password", autoComplete: "current-password" })}
      <div id="sign-in-message" role="alert" aria-live="assertive" className="min-h-6 text-danger-fg">
        {clientErrors ? null : state?.message}
      </div>
      <Button type="submit" variant="primary" className="w-full" pending={pending}>
        {pending ? t("pending") : t("submit")}
      </Button>
    </form>
  );
}
