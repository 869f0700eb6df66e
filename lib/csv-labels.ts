import "server-only";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/i18n/config";
import { localeSchema } from "@/i18n/locale-schema";
import { loadMessages } from "@/i18n/messages";

/**
 * The headings of a CSV in a language (the "CSV header option"): `lang=en|zh-CN` on the
 * export's address, the page's language by default, so a Chinese supervisor gets Chinese
 * headings and a system that reads the file can ask for the English ones. Codes, ids and
 * times are the same in both.
 */
export type CsvLabel = (key: string, values?: Record<string, string | number>) => string;

export type CsvLang = { ok: true; locale: Locale } | { ok: false; message: string };

export function csvLangOf(params: URLSearchParams, fallback: Locale): CsvLang {
  const given = params.get("lang");
  if (given === null || given === "") return { ok: true, locale: fallback };
  const parsed = localeSchema.safeParse(given);
  return parsed.success ? { ok: true, locale: parsed.data } : { ok: false, message: "must be en or zh-CN" };
}

export async function csvLabels(area: "review" | "overview", locale: Locale): Promise<CsvLabel> {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: `${area}.csv` });
  return (key, values) => (t as unknown as CsvLabel)(key, values);
}
