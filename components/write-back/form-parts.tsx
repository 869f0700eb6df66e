"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";

/** A labelled control of the write-back form, its error below it. */
export function Field({
  label,
  htmlFor,
  error,
  errorId,
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string | undefined;
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={htmlFor} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {errorId ? <FieldError id={errorId} message={error} /> : null}
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  return (
    <p id={id} className="min-h-5 text-sm font-medium text-danger-fg">
      {message ?? ""}
    </p>
  );
}

/**
 * When the call's data was fetched: read-only, so shown as text (not a control, which
 * would cost Tab stops), in the agent's own time with its zone.
 */
export function FetchTime({ label, iso }: { label: string; iso: string }) {
  const t = useTranslations("callPage.form");
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium">{label}</span>
      <span className="text-sm">
        <LocalTime iso={iso} /> · <span className="text-muted">{t("fetchTimeHint")}</span>
      </span>
    </div>
  );
}
