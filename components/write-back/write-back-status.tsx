"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { Notice, type NoticeTone } from "@/components/ui/notice";
import type { WriteBackStatus } from "@/lib/write-back/status-view";

/**
 * The send answers with iSales's reply when it comes within the action's wait; one still
 * in flight (slow iSales, or queued behind an older write-back of the call) is asked
 * after 250 ms, then 500 ms, 1 s, and every 2 s from then on.
 */
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;
export const pollDelayMs = (polls: number): number => Math.min(MAX_POLL_MS, FIRST_POLL_MS * 2 ** polls);

const toneOf = (s: WriteBackStatus): NoticeTone =>
  s.state === "accepted" ? "success" : s.state === "attention" ? "error" : s.final ? "info" : "warning";

async function fetchStatus(callRecordId: number, id: number): Promise<WriteBackStatus> {
  const res = await fetch(`/api/calls/${callRecordId}/write-backs/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  const [body, { statusAnswer }] = await Promise.all([
    res.json() as Promise<unknown>,
    import("@/lib/write-back/status-answer"),
  ]);
  if (!statusAnswer.safeParse(body).success) throw new Error("unreadable status");
  return body as WriteBackStatus;
}

/**
 * Follows one write-back until it is final, through TanStack Query: the call's small status
 * route with a short backoff (pollDelayMs) while the state can still change, then no more
 * (`refetchInterval` stops), and the page's server parts (badge, history) are refreshed
 * once. A lost poll is simply tried again at the next interval: the write-back is recorded
 * either way.
 */
export function useWriteBackStatus(callRecordId: number, tracked: WriteBackStatus | null) {
  const router = useRouter();
  const id = tracked?.id;
  const { data } = useQuery({
    queryKey: ["write-back-status", callRecordId, id],
    queryFn: () => fetchStatus(callRecordId, id ?? 0),
    enabled: id !== undefined && !tracked?.final,
    ...(tracked ? { initialData: tracked } : {}),
    // The status the send answered with is fresh: the first poll comes FIRST_POLL_MS later.
    initialDataUpdatedAt: Date.now(),
    staleTime: FIRST_POLL_MS,
    retry: false,
    refetchOnWindowFocus: false,
    refetchInterval: (query) =>
      query.state.data?.final
        ? false
        : pollDelayMs(query.state.dataUpdateCount + query.state.errorUpdateCount),
  });
  const status = id === undefined ? null : (data ?? tracked);
  const refreshedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!status?.final || tracked?.final || refreshedFor.current === status.id) return;
    refreshedFor.current = status.id;
    router.refresh();
  }, [status, tracked?.final, router]);
  return status;
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
