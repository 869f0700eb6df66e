"use client";

import { useTranslations } from "next-intl";
import { type Ref, useId, useMemo, useState } from "react";
import { failCodeMatches } from "@/lib/catalogue-search";

/** A code, its meaning in the user's language and its search key (lib/catalogue-text.ts). */
export type FailCodeOption = { code: string; meaning: string; search?: string };

type Props = {
  id: string;
  name: string;
  value: string;
  options: FailCodeOption[];
  invalid: boolean;
  describedBy: string;
  inputRef: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
  onBlur: () => void;
};

const MAX_SHOWN = 30;

/**
 * An editable combobox (WAI-ARIA APG "list autocomplete"): the agent types a code or
 * words of its meaning, picks with arrows + Enter or the mouse, and the field holds the
 * code. A code not in the catalogue can still be typed and is sent as typed.
 */
export function FailCodeCombobox({
  id,
  name,
  value,
  options,
  invalid,
  describedBy,
  inputRef,
  onChange,
  onBlur,
}: Props) {
  const t = useTranslations("callPage.failCode");
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const matches = useMemo(() => {
    const needle = value.trim().toLowerCase();
    const exact = options.some((o) => o.code === value);
    // A picked code shows the whole list again, so the agent can change their mind.
    if (needle === "" || exact) return options.slice(0, MAX_SHOWN);
    // The search key (lib/catalogue-text.ts): code, meanings in every language, pinyin.
    return options
      .filter((o) => failCodeMatches(o.search ?? `${o.code} ${o.meaning}`.toLowerCase(), needle))
      .slice(0, MAX_SHOWN);
  }, [value, options]);

  const known = options.find((o) => o.code === value);
  const optionId = (i: number) => `${listId}-opt-${i}`;
  const expanded = open && matches.length > 0;

  const pick = (option: FailCodeOption) => {
    onChange(option.code);
    setOpen(false);
    setActive(-1);
  };

  return (
    <div className="relative">
      <input
        id={id}
        name={name}
        ref={inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className="field w-full"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
          onBlur();
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => (matches.length === 0 ? -1 : (i + 1) % matches.length));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
            setActive((i) => (matches.length === 0 ? -1 : i <= 0 ? matches.length - 1 : i - 1));
          } else if (e.key === "Enter" && expanded && active >= 0) {
            e.preventDefault();
            const option = matches[active];
            if (option) pick(option);
          } else if (e.key === "Escape" && expanded) {
            e.preventDefault();
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={t("listLabel")}
        hidden={!expanded}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-control border border-border-strong bg-surface py-1 shadow-lg"
      >
        {matches.map((o, i) => (
          // Keyboard use goes through the input (aria-activedescendant); the mouse picks here.
          // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled on the combobox input
          <div
            key={o.code}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-primary text-primary-foreground" : "hover:bg-accent"}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(o)}
          >
            <span className="font-mono">{o.code}</span> {o.meaning}
          </div>
        ))}
      </div>
      <p className="mt-1 text-sm text-muted">
        {known ? t("meaning", { meaning: known.meaning }) : value.trim() !== "" ? t("unlisted") : t("hint")}
      </p>
    </div>
  );
}
