"use client";

import { Keyboard } from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Kbd, type keyCaps, keys, useShortcut } from "./use-shortcut";

export type ShortcutName = keyof typeof keyCaps;
export type ShortcutRow = {
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
 * goes back to where it was, never to the page's body. The dialog (./shortcuts-dialog.tsx,
 * with Radix) is fetched when the list is first opened: not in the page's first load.
 */
const ShortcutsDialog = dynamic(() => import("./shortcuts-dialog").then((m) => m.ShortcutsDialog), {
  ssr: false,
});

export function ShortcutsHelp({
  rows,
  onOpenChange,
}: {
  rows: ShortcutRow[];
  onOpenChange?: (open: boolean) => void;
}) {
  const t = useTranslations("callPage.shortcuts");
  const [open, setOpen] = useState(false);
  // The dialog is loaded at the first opening and stays mounted after (closed).
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const change = (next: boolean) => {
    if (next) {
      const active = document.activeElement;
      returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
      setOpened(true);
    }
    setOpen(next);
    onOpenChange?.(next);
  };
  useShortcut(keys.help, () => change(true), !open);
  // Marks the page's keys live, for tests and the bench.
  const hydrated = useHydrated();
  return (
    <>
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
      {opened ? (
        <ShortcutsDialog rows={rows} open={open} onOpenChange={change} returnTo={returnTo} button={button} />
      ) : null}
    </>
  );
}
