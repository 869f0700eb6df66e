"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLocaleAction } from "@/app/language/actions";
import { localeNames, locales } from "@/i18n/config";

/**
 * The header's language switch: one button per other language, each naming the language
 * in itself ("简体中文", "English") with its `lang`, so anyone can find their own. A plain
 * form POST (server action), so it works before the page's JavaScript has loaded.
 */
export function LanguageSwitch() {
  const t = useTranslations("common.language");
  const current = useLocale();
  const pathname = usePathname() ?? "/";
  const query = useSearchParams()?.toString() ?? "";
  const here = query ? `${pathname}?${query}` : pathname;
  return (
    <form action={setLocaleAction} aria-label={t("label")} className="flex items-center gap-2">
      <input type="hidden" name="next" value={here} />
      {locales
        .filter((l) => l !== current)
        .map((l) => (
          <button
            key={l}
            type="submit"
            name="locale"
            value={l}
            lang={l}
            title={t("change")}
            className="button-secondary"
          >
            {localeNames[l]}
          </button>
        ))}
    </form>
  );
}
