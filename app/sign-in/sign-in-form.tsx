"use client";

import { type FormEvent, useActionState, useState } from "react";
import { signInSchema } from "@/lib/auth/schemas";
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

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-describedby="sign-in-message"
    >
      <input type="hidden" name="next" value={next} />
      <div className="flex flex-col gap-1">
        <label htmlFor="username" className="font-medium">
          Username
        </label>
        <input
          id="username"
          name="username"
          className="field"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={state?.username ?? ""}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={errors.username ? "username-error" : undefined}
        />
        {errors.username && (
          <p id="username-error" className="text-sm text-red-800">
            {errors.username}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          className="field"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "password-error" : undefined}
        />
        {errors.password && (
          <p id="password-error" className="text-sm text-red-800">
            {errors.password}
          </p>
        )}
      </div>
      <div id="sign-in-message" role="alert" aria-live="assertive" className="min-h-6 text-red-800">
        {clientErrors ? null : state?.message}
      </div>
      <button type="submit" className="button-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
