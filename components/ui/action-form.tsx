"use client";

import { type ReactNode, useActionState } from "react";
import { cn } from "./cn";
import { ConfirmSubmit } from "./confirm-submit";
import { Notice } from "./notice";
import { SubmitButton } from "./submit-button";

/** What a form's action answers: done or refused, and the words to show. */
export type FormAnswer = { ok: boolean; message?: string } | null;

/** A destructive form asks first: the question, naming what it does and to what. */
export type ConfirmWords = { title: string; description: string; confirm: string; cancel: string };

/**
 * A form bound to one server action through useActionState, with its answer shown beside
 * it (a success notice, or an error notice announced at once). It posts before hydration
 * too (React renders a server action as a POST), and the answer comes back in the page.
 * With `confirm`, its submit button asks first (ConfirmSubmit).
 */
export function ActionForm<S extends FormAnswer>({
  action,
  label,
  submitLabel,
  confirm,
  children,
  className,
}: {
  action: (prev: S | null, form: FormData) => Promise<S | null>;
  label: string;
  submitLabel: string;
  confirm?: ConfirmWords;
  children?: ReactNode;
  className?: string;
}) {
  const [state, formAction] = useActionState<S | null, FormData>(action, null);
  return (
    <form action={formAction} aria-label={label} className={cn("flex flex-wrap items-end gap-2", className)}>
      {children}
      {confirm ? (
        <ConfirmSubmit
          label={submitLabel}
          title={confirm.title}
          description={confirm.description}
          confirmLabel={confirm.confirm}
          cancelLabel={confirm.cancel}
        />
      ) : (
        <SubmitButton variant="secondary" size="sm">
          {submitLabel}
        </SubmitButton>
      )}
      {state?.message ? (
        <Notice tone={state.ok ? "success" : "error"} className="w-full">
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}
