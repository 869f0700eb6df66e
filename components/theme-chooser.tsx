"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { setThemeAction } from "@/app/theme/actions";
import { type Theme, themes } from "@/lib/theme";
import { cn } from "./ui/cn";

const icons = { light: Sun, dark: Moon, system: Monitor } as const;

/**
 * The header's theme chooser: light, dark or the system's, the current one pressed. A plain
 * form POST (server action) like the language switch: it works before the page's script
 * has loaded, and the server renders the next page in the chosen theme (no flash).
 */
export function ThemeChooser({ current }: { current: Theme }) {
  const t = useTranslations("common.theme");
  const pathname = usePathname() ?? "/";
  const query = useSearchParams()?.toString() ?? "";
  const here = query ? `${pathname}?${query}` : pathname;
  return (
    <form
      action={setThemeAction}
      aria-label={t("label")}
      className="inline-flex rounded-control border border-border-strong bg-surface"
    >
      <input type="hidden" name="next" value={here} />
      {themes.map((theme) => {
        const Icon = icons[theme];
        return (
          <button
            key={theme}
            type="submit"
            name="theme"
            value={theme}
            aria-pressed={theme === current}
            title={t("choose", { theme: t(theme) })}
            className={cn(
              "inline-flex min-h-11 min-w-11 items-center justify-center gap-1 px-2 text-sm first:rounded-l-control last:rounded-r-control sm:min-h-9 sm:min-w-9 pointer-coarse:min-h-11 pointer-coarse:min-w-11",
              theme === current ? "bg-primary text-primary-foreground" : "text-foreground hover:bg-accent",
            )}
          >
            <Icon aria-hidden className="size-4" />
            <span className="sr-only">{t(theme)}</span>
          </button>
        );
      })}
    </form>
  );
}
