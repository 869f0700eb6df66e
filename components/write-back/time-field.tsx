"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";

const full = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)$/;
const timeOnly = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const pad = (n: number) => String(n).padStart(2, "0");

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What the control shows for the form's value: the time of day, or date and time. */
export function shownTime(value: string, withDate: boolean): string {
  const m = full.exec(value);
  if (!m) return value;
  return withDate ? `${m[1]} ${m[2]}` : (m[2] ?? "");
}

/**
 * The form's value for what was typed: a time of day goes on the value's own day (today
 * when there is none yet); a full date and time (with `T` or a space) is taken as it is.
 * Anything else is kept as typed, and the form's schema names what is wrong with it.
 */
export function typedTime(text: string, value: string): string {
  const s = text.trim();
  if (s === "") return "";
  const f = full.exec(s);
  if (f) return `${f[1]}T${f[2]}`;
  const t = timeOnly.exec(s);
  if (t) {
    const day = full.exec(value)?.[1] ?? today();
    return `${day}T${pad(Number(t[1]))}:${t[2]}${t[3] ? `:${t[3]}` : ""}`;
  }
  return s;
}

/**
 * A call time in one text field, so it costs one Tab stop (a native date-time input costs
 * one per part): the time of day for the common case, the whole date and time when the
 * agent chooses to see dates. The value underneath is always the form's
 * `yyyy-MM-ddTHH:mm[:ss]`, checked by the same schema as before, here and on the server.
 */
export function TimeField({
  id,
  name,
  value,
  onChange,
  onBlur,
  inputRef,
  withDate,
  invalid,
  describedBy,
}: {
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  inputRef: (el: HTMLInputElement | null) => void;
  withDate: boolean;
  invalid: boolean;
  describedBy: string;
}) {
  const t = useTranslations("callPage.form");
  const [text, setText] = useState(() => shownTime(value, withDate));
  // A value set from outside (a stamp, a quick outcome, a restored draft) or a change of
  // mode replaces the text; what the agent is typing stays as typed.
  const shownMode = useRef(withDate);
  useEffect(() => {
    const modeChanged = shownMode.current !== withDate;
    shownMode.current = withDate;
    setText((current) =>
      !modeChanged && typedTime(current, value) === value ? current : shownTime(value, withDate),
    );
  }, [value, withDate]);
  const day = full.exec(value)?.[1];
  return (
    <>
      <Input
        id={id}
        name={name}
        ref={inputRef}
        type="text"
        inputMode={withDate ? "text" : "numeric"}
        autoComplete="off"
        spellCheck={false}
        placeholder={withDate ? "yyyy-MM-dd HH:mm:ss" : "HH:mm:ss"}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={`${describedBy} ${id}-hint`}
        className="flex-1 font-mono"
        onChange={(e) => {
          setText(e.target.value);
          onChange(typedTime(e.target.value, value));
        }}
        onBlur={() => {
          setText(shownTime(value, withDate));
          onBlur();
        }}
      />
      <span id={`${id}-hint`} className="sr-only">
        {withDate ? t("fullTimeHint") : day ? t("timeHint", { date: day }) : t("timeHintNoDate")}
      </span>
    </>
  );
}
