"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useState } from "react";
import { Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { toLocalInputValue } from "@/lib/write-back/local-input";

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

/** Read-only: the browser shows the record's instant in the agent's own time. */
export function FetchTimeInput({ id, iso }: { id: string; iso: string }) {
  const t = useTranslations("callPage.form");
  const [value, setValue] = useState("");
  useEffect(() => setValue(toLocalInputValue(new Date(iso))), [iso]);
  return (
    <>
      <Input
        id={id}
        name="fetchTime"
        type="datetime-local"
        step={1}
        readOnly
        value={value}
        className="bg-surface-muted"
        aria-describedby={`${id}-at`}
      />
      <span id={`${id}-at`} className="min-h-5 text-sm text-muted">
        <LocalTime iso={iso} /> · {t("fetchTimeHint")}
      </span>
    </>
  );
}
