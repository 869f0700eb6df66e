"use client";

import { type ReactNode, useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";

/**
 * A form bound to one admin server action, with its answer announced beside it. Works
 * before hydration too: a server action posted as a plain form.
 */
export function ActionForm({
  action,
  label,
  submitLabel,
  children,
  className,
}: {
  action: (prev: unknown, form: FormData) => Promise<ActionResult<object, object>>;
  label: string;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label} className={className ?? "flex flex-wrap items-end gap-2"}>
      {children}
      <button type="submit" className="button-secondary" disabled={pending}>
        {submitLabel}
      </button>
      <p
        role="status"
        aria-live="polite"
        className={state?.ok ? "text-sm text-green-800" : "text-sm text-red-800"}
      >
        {state?.message}
      </p>
    </form>
  );
}
