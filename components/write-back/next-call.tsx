"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type Ref, useCallback, useEffect, useState } from "react";
import { openNextCallAction, setAutoAdvanceAction } from "@/app/calls/[id]/actions";
import { Kbd, keyCaps, keys, useShortcut } from "@/components/shortcuts/use-shortcut";
import { Button } from "@/components/ui/button";
import { localDateTimePattern } from "@/lib/write-back/local-time";

/**
 * From one call to the next without the list: the agent's next open call, or one taken
 * from the pool for them (openNextCallAction), opened in place. `knownNext`, the next own
 * call the page found as it rendered, is opened straight away (its page prefetched after a
 * send), without a round trip to ask for it; the call page checks it is still theirs.
 */
export function useNextCall(callRecordId: number | null, knownNext: number | null = null) {
  const t = useTranslations("callPage.next");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const go = useCallback(async () => {
    if (pending) return;
    setPending(true);
    setMessage(null);
    if (knownNext !== null) {
      router.push(`/calls/${knownNext}`);
      return;
    }
    try {
      const result = await openNextCallAction(callRecordId);
      if (result.ok) {
        router.push(`/calls/${result.callId}`);
        return;
      }
      setMessage(result.message);
    } catch {
      setMessage(t("failed"));
    }
    setPending(false);
  }, [callRecordId, knownNext, pending, router, t]);
  const prefetch = useCallback(() => {
    if (knownNext !== null) router.prefetch(`/calls/${knownNext}`);
  }, [knownNext, router]);
  return { go, prefetch, pending, message };
}

/** The "Next call" button itself, with its key. */
function NextButton({
  next,
  buttonRef,
}: {
  next: ReturnType<typeof useNextCall>;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  const t = useTranslations("callPage.next");
  return (
    <Button
      ref={buttonRef}
      variant="primary"
      pending={next.pending}
      onClick={() => void next.go()}
      aria-keyshortcuts={keys.next.toUpperCase()}
    >
      {next.pending ? t("opening") : t("button")} <Kbd>{keyCaps.next}</Kbd>
    </Button>
  );
}

/** "Next call" alone (key N), where the form is not shown: the agent's call is final. */
export function NextCallButton({
  callRecordId,
  nextCallId,
}: {
  callRecordId: number;
  nextCallId: number | null;
}) {
  const next = useNextCall(callRecordId, nextCallId);
  useShortcut(keys.next, () => void next.go(), true);
  return (
    <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
      <NextButton next={next} />
      <p className="text-sm text-muted" aria-live="polite">
        {next.message ?? ""}
      </p>
    </div>
  );
}

/** The "Next call" button (key N), the auto-advance choice and what came of the last try. */
export function NextCallBar({
  next,
  buttonRef,
  autoAdvance,
  onAutoAdvance,
}: {
  next: ReturnType<typeof useNextCall>;
  buttonRef: Ref<HTMLButtonElement>;
  autoAdvance: boolean;
  onAutoAdvance: (on: boolean) => void;
}) {
  const t = useTranslations("callPage.next");
  const [saved, setSaved] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <NextButton next={next} buttonRef={buttonRef} />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4"
          checked={autoAdvance}
          onChange={async (e) => {
            const on = e.target.checked;
            onAutoAdvance(on);
            setSaved(false);
            const result = await setAutoAdvanceAction(on).catch(() => null);
            if (result?.ok) setSaved(true);
            else onAutoAdvance(!on);
          }}
        />
        {t("autoAdvance")}
      </label>
      <p className="text-sm text-muted" aria-live="polite">
        {next.message ?? (saved ? t("autoAdvanceSaved") : "")}
      </p>
    </div>
  );
}

/** The wall-clock text of the form (the agent's zone) as an instant of this browser. */
function localInstant(value: string): number | null {
  const m = localDateTimePattern.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? "0")) as number[];
  return new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0).getTime();
}

const clock = (ms: number) => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
};

/** The wrap-up timer: time since the call's end, every second, until the outcome is sent. */
export function WrapUpTimer({ end }: { end: string }) {
  const t = useTranslations("callPage.form");
  const at = localInstant(end);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  if (at === null || now === null) return null;
  return (
    <p role="timer" aria-live="off" className="text-sm font-medium tabular-nums" data-testid="wrap-up">
      {t("wrapUp", { time: clock(now - at) })}
    </p>
  );
}
