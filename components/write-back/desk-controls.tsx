"use client";

import { Phone } from "lucide-react";
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { Kbd, keyCaps, keys } from "@/components/shortcuts/use-shortcut";
import { Button, buttonVariants } from "@/components/ui/button";
import type { LocalizedQuickOutcome } from "@/lib/catalogue-text";

export type DialAction = "tel" | "copy" | "tel+copy" | "stamp";

/**
 * The row of quick outcomes (config/catalogue.json `quickOutcomes`), each with its key.
 * Pressed shows the one the form holds now.
 */
export function QuickOutcomes({
  outcomes,
  current,
  onPick,
}: {
  outcomes: LocalizedQuickOutcome[];
  current: { status: string; failCode: string };
  onPick: (q: LocalizedQuickOutcome) => void;
}) {
  const t = useTranslations("callPage.form");
  if (outcomes.length === 0) return null;
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{t("quickLabel")}</legend>
      <div className="flex flex-wrap gap-2">
        {outcomes.map((q) => (
          <Button
            key={q.key}
            size="sm"
            aria-pressed={current.status === q.status && current.failCode === (q.failCode ?? "")}
            aria-keyshortcuts={String(q.key)}
            className="aria-pressed:border-primary aria-pressed:bg-accent"
            onClick={() => onPick(q)}
          >
            <Kbd>{String(q.key)}</Kbd> {q.label}
          </Button>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * "Dial": stamps the call's start and, as DIAL_ACTION says, opens the number as a tel:
 * link (the browser hands it to the softphone), copies it, or both.
 */
export function DialButton({
  number,
  action,
  onDial,
  linkRef,
}: {
  number: string;
  action: DialAction;
  onDial: () => void;
  linkRef: Ref<HTMLAnchorElement & HTMLButtonElement>;
}) {
  const t = useTranslations("callPage.form");
  const dial = () => {
    onDial();
    if (action === "copy" || action === "tel+copy")
      void navigator.clipboard?.writeText(number).catch(() => {});
  };
  const content = (
    <>
      <Phone aria-hidden />
      {t("dial", { number })} <Kbd>{keyCaps.dial}</Kbd>
    </>
  );
  if (action === "tel" || action === "tel+copy") {
    return (
      <a
        ref={linkRef}
        href={`tel:${number}`}
        // A new browsing context hands the number to the softphone and leaves this page
        // alone: navigating this page itself to tel: stalled its pending requests.
        target="_blank"
        rel="noopener noreferrer"
        onClick={dial}
        aria-keyshortcuts={keys.dial.toUpperCase()}
        className={buttonVariants({ variant: "secondary" })}
      >
        {content}
      </a>
    );
  }
  return (
    <Button ref={linkRef} onClick={dial} aria-keyshortcuts={keys.dial.toUpperCase()}>
      {content}
    </Button>
  );
}
