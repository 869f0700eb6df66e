/**
 * The languages Preview Desk speaks. Browser-safe: the language switch, the request
 * configuration (i18n/request.ts) and the tests use it. No zod here, so that the switch in
 * every page's header leaves it out of the page's first load (issue 12): the schema that
 * checks a language from outside is ./locale-schema.ts.
 *
 * Messages live in `messages/<locale>/<namespace>.json`, one file per area of the product,
 * so that work on one area never touches another's file. Add a namespace here and create
 * its file in every language; `scripts/messages.test.ts` fails when a key is missing in
 * either language, when a Chinese text is a copy of the English one, or when the
 * placeholders of the two differ.
 */
export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** The cookie that keeps a browser's choice of language (also kept on the account). */
export const LOCALE_COOKIE = "locale";

/** Each language named in itself, for the switch. */
export const localeNames: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export const namespaces = [
  "common",
  "calls",
  "callPage",
  "review",
  "queue",
  "tasks",
  "import",
  "users",
  "apiKeys",
  "signIn",
  "errors",
  "ui",
  "catalogue",
  "overview",
  "erasures",
  "validation",
  "device",
] as const;
export type Namespace = (typeof namespaces)[number];
