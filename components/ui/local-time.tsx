"use client";

import { useLocale, useTranslations } from "next-intl";
import { useHydrated } from "./use-hydrated";

const formats = new Map<string, Intl.DateTimeFormat>();

/** The user's language, the browser's zone, with the zone's name: "2026年12月2日 10:03:00 GMT+8". */
function formatFor(locale: string): Intl.DateTimeFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "short",
    });
    formats.set(locale, format);
  }
  return format;
}

/** `yyyy-MM-dd HH:mm:ss UTC`: what the server can honestly say before the browser takes over. */
function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * An instant shown in the agent's own time zone (the server does not know it), in the
 * user's language, always saying its zone.
 */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  const locale = useLocale();
  const date = new Date(iso);
  return (
    <time dateTime={iso} className={className}>
      {hydrated ? formatFor(locale).format(date) : utcText(date)}
    </time>
  );
}

/** "Times in Asia/Shanghai": the zone the page's times are shown in (UTC until hydrated). */
export function TimesIn() {
  const hydrated = useHydrated();
  const t = useTranslations("ui");
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";
  return <span>{t("timesIn", { zone })}</span>;
}

/** An instant from a server page (LocalTime above), or `never` (the caller's words) when there is none. */
export function LocalTimeOrNever({ date, never }: { date: Date | null; never: string }) {
  if (date === null) return <>{never}</>;
  return <LocalTime iso={date.toISOString()} />;
}
