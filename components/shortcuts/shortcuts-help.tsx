"use client";

import { Keyboard } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Kbd, keyCaps, keys, useShortcut } from "./use-shortcut";

export type ShortcutName = keyof typeof keyCaps;
type Row = {
  name: ShortcutName;
  text:
    | "dial"
    | "stampStart"
    | "stampEnd"
    | "quick"
    | "send"
    | "next"
    | "back"
    | "search"
    | "searchList"
    | "help";
};

/**
 * The `?` list of the page's shortcuts, in the user's language (the kit's dialog: focus
 * moves in and is trapped, Escape closes). Opened by `?` or its button; on closing, focus
 * goes back to where it was, never to the page's body.
 */
export function ShortcutsHelp({
  rows,
  onOpenChange,
}: {
  rows: Row[];
  onOpenChange?: (open: boolean) => void;
}) {
  const t = useTranslations("callPage.shortcuts");
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const change = (next: boolean) => {
    if (next) {
      const active = document.activeElement;
      returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
    }
    setOpen(next);
    onOpenChange?.(next);
  };
  useShortcut(keys.help, () => change(true), !open);
  // Marks the page's keys live, for tests and the bench.
  const hydrated = useHydrated();
  return (
    <Dialog open={open} onOpenChange={change}>
      <Button
        ref={button}
        variant="ghost"
        size="sm"
        onClick={() => change(true)}
        aria-keyshortcuts="Shift+?"
        aria-haspopup="dialog"
        data-hydrated={hydrated || undefined}
      >
        <Keyboard aria-hidden />
        {t("open")} <Kbd>?</Kbd>
      </Button>
      <DialogContent
        closeLabel={t("close")}
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          const target = returnTo.current?.isConnected ? returnTo.current : button.current;
          target?.focus();
        }}
      >
        <DialogTitle>{t("title")}</DialogTitle>
        <DialogDescription>{t("description")}</DialogDescription>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-muted">
              <th scope="col" className="py-1 pr-4 font-medium">
                {t("keyColumn")}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t("whatColumn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.text} className="border-t border-border">
                <td className="py-1.5 pr-4">
                  <kbd className="rounded border border-border-strong bg-surface-muted px-1.5 font-mono text-xs">
                    {keyCaps[r.name]}
                  </kbd>
                </td>
                <td className="py-1.5">{t(r.text)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DialogContent>
    </Dialog>
  );
}
