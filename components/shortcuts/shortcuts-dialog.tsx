"use client";

import { useTranslations } from "next-intl";
import type { RefObject } from "react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import type { ShortcutRow } from "./shortcuts-help";
import { keyCaps } from "./use-shortcut";

/**
 * The dialog of ./shortcuts-help.tsx (the kit's dialog, Radix: focus moves in and is
 * trapped, Escape closes), loaded when the list is first opened, so that the dialog's
 * code stays out of the page's first load (issue 12). On closing, focus goes back to
 * `returnTo`, else to the list's button, never to the page's body.
 */
export function ShortcutsDialog({
  rows,
  open,
  onOpenChange,
  returnTo,
  button,
}: {
  rows: ShortcutRow[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnTo: RefObject<HTMLElement | null>;
  button: RefObject<HTMLButtonElement | null>;
}) {
  const t = useTranslations("callPage.shortcuts");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
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
