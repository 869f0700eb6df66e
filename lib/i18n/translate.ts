import { createTranslator } from "use-intl/core";
import type { Locale } from "@/i18n/config";
import type { Translate } from "@/lib/validation/messages";

export type { Translate };

/**
 * Lib modules that both the screens and the command line or the API use (a schema, a
 * domain function's refusals) take their words from a translator of their namespace, as
 * lib/validation/messages.ts does: the server action passes the user's language
 * (`getTranslations`), everything else gets English, built here from the English file.
 */

/**
 * next-intl's typed `t` (getTranslations, useTranslations) as a lib module takes it: the
 * module names its own keys, and its unit test calls every one in both languages.
 */
export function looseTranslator(t: unknown): Translate {
  return (key, values) => (t as Translate)(key, values);
}

/**
 * A translator of `namespace` (dotted, e.g. "tasks.schema") from a file's messages, outside
 * a request: `file` is the top-level namespace's JSON (messages/<locale>/<top>.json).
 */
export function translatorFrom(locale: Locale, file: object, namespace: string): Translate {
  const top = namespace.split(".")[0] ?? namespace;
  const t = createTranslator({
    locale,
    messages: { [top]: file } as never,
    namespace: namespace as never,
  });
  return looseTranslator(t);
}
