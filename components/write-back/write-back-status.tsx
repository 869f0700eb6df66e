"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { Notice, type NoticeTone } from "@/components/ui/notice";
import type { WriteBackStatus } from "@/lib/write-back/status-view";

/**
 * The send answers with iSales's reply when it comes within the action's wait; one still
 * in flight (slow iSales, or queued behind an older write-back of the call) is asked
 * after 250 ms, then 500 ms, 1 s, and every 2 s from then on.
 */
export const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;
export const pollDelayMs = (polls: number): number => Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** polls);

const toneOf = (s: WriteBackStatus): NoticeTone =>
  s.state === "accepted" ? "success" : s.state === "attention" ? "error" : s.final ? "info" : "warning";

/**
 * The polling itself (./status-follower.tsx, TanStack Query), loaded when a write-back is
 * still on its way: an answer that is final already (the common case) never loads it, and
 * it is not in the page's first load (issue 12).
 */
const StatusFollower = dynamic(() => import("./status-follower").then((m) => m.StatusFollower), {
  ssr: false,
});

/**
 * Follows one write-back until it is final: the call's small status route with a short
 * backoff (pollDelayMs) while the state can still change, then no more, and the page's
 * server parts (badge, history) are refreshed once. A lost poll is simply tried again at
 * the next interval: the write-back is recorded either way. `follow` is the element that
 * polls, to render in the form (it shows nothing).
 */
export function useWriteBackStatus(
  callRecordId: number,
  tracked: WriteBackStatus | null,
): { status: WriteBackStatus | null; follow: ReactNode } {
  const router = useRouter();
  const id = tracked?.id;
  const [followed, setFollowed] = useState<WriteBackStatus | null>(null);
  const latest = followed !== null && followed.id === id ? followed : null;
  const status = id === undefined ? null : (latest ?? tracked);
  const refreshedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!status?.final || tracked?.final || refreshedFor.current === status.id) return;
    refreshedFor.current = status.id;
    router.refresh();
  }, [status, tracked?.final, router]);
  const follow =
    tracked && !tracked.final ? (
      <StatusFollower key={tracked.id} callRecordId={callRecordId} tracked={tracked} onStatus={setFollowed} />
    ) : null;
  return { status, follow };
}

/** Where the write-back stands, in plain words, announced politely to screen readers. */
export function WriteBackStatusView({ status }: { status: WriteBackStatus }) {
  const t = useTranslations("callPage.status");
  const waiting = status.state === "queued" || status.state === "retrying" || status.state === "sending";
  const title =
    (status.state === "attention" || status.state === "accepted") && status.message
      ? status.message.title
      : t(`state.${status.state}`);
  return (
    <Notice
      tone={toneOf(status)}
      live={false}
      title={status.state === "attention" ? t("attention", { title }) : title}
    >
      {status.state === "retrying" ? (
        <p>
          {status.message
            ? t("retryingWhy", { attempts: status.attempts, why: status.message.title })
            : t("retrying", { attempts: status.attempts })}
          {status.nextAttemptAt ? (
            <> {t.rich("nextTry", { at: () => <LocalTime iso={status.nextAttemptAt ?? ""} /> })}</>
          ) : null}
        </p>
      ) : null}
      {waiting ? <p>{t("saved")}</p> : null}
      {(status.state === "attention" || status.state === "accepted") && status.message ? (
        <p>{status.message.action}</p>
      ) : null}
      <Codes resultCode={status.resultCode} httpStatus={status.httpStatus} />
    </Notice>
  );
}

/** iSales's result code and the HTTP status of its answer, when there are any. */
export function Codes({
  resultCode,
  httpStatus,
}: {
  resultCode?: string | null;
  httpStatus?: number | null;
}) {
  const t = useTranslations("callPage.status");
  if (resultCode == null && httpStatus == null) return null;
  const parts = [
    resultCode != null ? t("resultCode", { code: resultCode }) : null,
    httpStatus != null ? t("httpStatus", { status: httpStatus }) : null,
  ].filter((p): p is string => p !== null);
  return <p>{parts.join(" · ")}</p>;
}
