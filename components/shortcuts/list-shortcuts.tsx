"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useNextCall } from "@/components/write-back/next-call";
import { ShortcutsHelp } from "./shortcuts-help";
import { keys, useShortcut } from "./use-shortcut";

/**
 * The list's keys: `/` to the search, `N` (agents) opens their next open call, or one from
 * the pool, `?` lists them. The first key of the keyboard-only path from the list.
 */
export function ListShortcuts({ agent }: { agent: boolean }) {
  const t = useTranslations("callPage.next");
  const [helpOpen, setHelpOpen] = useState(false);
  const next = useNextCall(null);
  useShortcut(
    keys.search,
    () => document.querySelector<HTMLInputElement>('main input[type="search"]')?.focus(),
    !helpOpen,
  );
  useShortcut(keys.next, () => void next.go(), agent && !helpOpen);
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      {next.pending ? <p className="text-sm text-muted">{t("opening")}</p> : null}
      {next.message ? (
        <p className="text-sm" role="status">
          {next.message}
        </p>
      ) : null}
      <ShortcutsHelp
        onOpenChange={setHelpOpen}
        rows={[
          ...(agent ? [{ name: "next", text: "next" } as const] : []),
          { name: "search", text: "searchList" },
          { name: "help", text: "help" },
        ]}
      />
    </div>
  );
}
