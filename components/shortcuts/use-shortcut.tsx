"use client";

import { useRef } from "react";
import { useHotkeys } from "react-hotkeys-hook";

/**
 * The keys of the agent's desk, one place for the buttons' key hints, the `?` list and the
 * handlers. Single keys match the character typed (so `?` and the digits work on any
 * layout and on the number pad); `mod` is Ctrl, or ⌘ on a Mac.
 */
export const keys = {
  dial: "d",
  stampStart: "s",
  stampEnd: "e",
  send: "mod+enter",
  next: "n",
  back: "b",
  search: "/",
  help: "?",
} as const;

/** How a key is written on a key cap; the same in every language. */
export const keyCaps: Record<keyof typeof keys | "quick", string> = {
  dial: "D",
  stampStart: "S",
  stampEnd: "E",
  send: "Ctrl+Enter",
  next: "N",
  back: "B",
  search: "/",
  help: "?",
  quick: "1–9",
};

const notText = new Set([
  "checkbox",
  "radio",
  "button",
  "submit",
  "reset",
  "range",
  "color",
  "file",
  "image",
]);

/** True while the user types: in a text field, a text area, a select or editable content. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !notText.has(target.type);
  return false;
}

/**
 * One shortcut (react-hotkeys-hook). A key without a modifier never fires while the user
 * types in a text field; one with a modifier (Ctrl/⌘+Enter) does. Nothing fires while a
 * dialog is open (`enabled`), and a held key does not repeat the action.
 */
export function useShortcut(key: string, action: (event: KeyboardEvent) => void, enabled = true) {
  const latest = useRef(action);
  latest.current = action;
  const modified = key.includes("+");
  useHotkeys(
    key,
    (event) => {
      if (event.repeat) return;
      event.preventDefault();
      latest.current(event);
    },
    {
      enabled,
      enableOnFormTags: true,
      ...(modified
        ? {}
        : {
            useKey: true,
            ignoreEventWhen: (e: KeyboardEvent) => isTyping(e) || e.ctrlKey || e.metaKey || e.altKey,
          }),
    },
    [enabled],
  );
}

/** A key cap beside a button's text; hidden from screen readers, which get aria-keyshortcuts. */
export function Kbd({ children }: { children: string }) {
  return (
    <kbd
      aria-hidden
      className="rounded border border-border-strong bg-surface-muted px-1.5 font-mono text-xs text-muted"
    >
      {children}
    </kbd>
  );
}
