import "server-only";
import { pinyin } from "pinyin-pro";
import type { Locale } from "@/i18n/config";
import type { Catalogue, QuickOutcome } from "./catalogue-schema";
import { failCodeMatches } from "./catalogue-search";

/**
 * The catalogue in the user's language, as the browser gets it: each status, failure code
 * and device type with its text in that language (English where the catalogue has none),
 * and for each failure code a search key that the failure-code box matches what an agent
 * types against: the code, the English meaning, the Chinese meaning, its pinyin and its
 * pinyin initials (so `忙`, `busy`, `yhm` and `00145` all find 00145 用户忙).
 *
 * The pinyin is worked out here, on the server, with pinyin-pro (a maintained dictionary
 * with polyphone handling): the browser gets a plain string to search, not the dictionary.
 */

type Translated = { i18n?: Partial<Record<string, string>> | undefined };

export function textIn(entry: Translated, english: string, locale: Locale): string {
  return entry.i18n?.[locale] ?? english;
}

/** Full pinyin and initials of the Chinese in a text (`无人接听` → `wurenjieting wrjt`). */
export function pinyinKeys(text: string): string {
  if (!/[\u3400-\u9fff]/u.test(text)) return "";
  const full = pinyin(text, { toneType: "none", type: "array", nonZh: "removed" }).join("");
  const initials = pinyin(text, { pattern: "first", toneType: "none", type: "array", nonZh: "removed" }).join(
    "",
  );
  return `${full} ${initials}`;
}

export type LocalizedStatus = { code: string; label: string };
export type LocalizedFailCode = { code: string; meaning: string; search: string };
export type LocalizedDeviceType = { code: number; label: string };

export function localizedStatuses(catalogue: Catalogue, locale: Locale): LocalizedStatus[] {
  return catalogue.statuses.map((s) => ({ code: s.code, label: textIn(s, s.label, locale) }));
}

export function localizedDeviceTypes(catalogue: Catalogue, locale: Locale): LocalizedDeviceType[] {
  return catalogue.deviceTypes.map((d) => ({ code: d.code, label: textIn(d, d.label, locale) }));
}

export function localizedFailCodes(catalogue: Catalogue, locale: Locale): LocalizedFailCode[] {
  return catalogue.failCodes.map((f) => {
    const texts = [f.meaning, ...Object.values(f.i18n ?? {})].filter((t): t is string => Boolean(t));
    const search = [f.code, ...texts, ...texts.map(pinyinKeys)].join(" ").toLowerCase();
    return { code: f.code, meaning: textIn(f, f.meaning, locale), search };
  });
}

/** The failure codes a query finds, by the failure-code box's own rule. */
export function searchFailCodes(options: LocalizedFailCode[], query: string): LocalizedFailCode[] {
  return options.filter((o) => failCodeMatches(o.search, query));
}

/** A quick outcome as the call page gets it: its label in the user's language. */
export type LocalizedQuickOutcome = Omit<QuickOutcome, "i18n" | "$comment">;

export function localizedQuickOutcomes(catalogue: Catalogue, locale: Locale): LocalizedQuickOutcome[] {
  return [...catalogue.quickOutcomes]
    .sort((a, b) => a.key - b.key)
    .map(({ i18n: _i, $comment: _c, ...q }) => ({ ...q, label: textIn({ i18n: _i }, q.label, locale) }));
}
