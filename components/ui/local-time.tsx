"use client";

import { useHydrated } from "./use-hydrated";

const browserFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** `yyyy-MM-dd HH:mm:ss UTC`: what the server can honestly say before the browser takes over. */
function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** An instant shown in the agent's own time zone (the server does not know it). */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  return (
    <time dateTime={iso} className={className}>
      {hydrated ? browserFormat.format(date) : utcText(date)}
    </time>
  );
}
