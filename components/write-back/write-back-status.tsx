"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { deliveryStateWords, type WriteBackStatus } from "@/lib/write-back/status-view";

const POLL_MS = 2000;

const toneOf = (s: WriteBackStatus): string => {
  if (s.state === "accepted") return "border-green-700 bg-green-50 text-green-950";
  if (s.state === "attention") return "border-red-700 bg-red-50 text-red-950";
  return "border-amber-700 bg-amber-50 text-amber-950";
};

const isStatus = (v: unknown): v is WriteBackStatus =>
  typeof v === "object" && v !== null && "state" in v && "final" in v && "id" in v;

/**
 * Follows one write-back until it is final: polls the call's small status route every
 * ~2 s (a plain fetch: no query library needed for one value), then refreshes the page's
 * server parts (badge, history) once.
 */
export function useWriteBackStatus(callRecordId: number, initial: WriteBackStatus | null) {
  const router = useRouter();
  const [status, setStatus] = useState<WriteBackStatus | null>(initial);
  useEffect(() => setStatus(initial), [initial]);
  const id = status?.id;
  const final = status?.final ?? true;
  useEffect(() => {
    if (id === undefined || final) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/calls/${callRecordId}/write-backs/${id}`, { cache: "no-store" });
        if (res.ok) {
          const body: unknown = await res.json();
          if (!stopped && isStatus(body)) {
            setStatus(body);
            if (body.final) {
              router.refresh();
              return;
            }
          }
        }
      } catch {
        // A lost poll is tried again: the write-back is recorded either way.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [callRecordId, id, final, router]);
  return status;
}

/** Where the write-back stands, in plain words, announced politely to screen readers. */
export function WriteBackStatusView({ status }: { status: WriteBackStatus }) {
  const waiting = status.state === "queued" || status.state === "retrying" || status.state === "sending";
  return (
    <div className={`rounded-md border-l-4 p-4 ${toneOf(status)}`} data-state={status.state}>
      <p className="font-semibold">
        {status.state === "attention" ? "Needs attention: " : null}
        {status.state === "attention" && status.message
          ? status.message.title
          : status.state === "accepted" && status.message
            ? status.message.title
            : deliveryStateWords[status.state]}
      </p>
      {status.state === "retrying" ? (
        <p className="mt-1">
          Attempt {status.attempts} did not get through
          {status.message ? `: ${status.message.title}` : "."}
          {status.nextAttemptAt ? (
            <>
              {" "}
              Next try at <LocalTime iso={status.nextAttemptAt} />.
            </>
          ) : null}
        </p>
      ) : null}
      {waiting ? (
        <p className="mt-1">
          Your outcome is saved. You can go on to your next call; this updates by itself.
        </p>
      ) : null}
      {status.state === "attention" && status.message ? (
        <p className="mt-1">{status.message.action}</p>
      ) : null}
      {status.state === "accepted" && status.message ? <p className="mt-1">{status.message.action}</p> : null}
      {status.resultCode != null || status.httpStatus != null ? (
        <p className="mt-1 text-sm">
          {status.resultCode != null ? <>iSales code: {status.resultCode}</> : null}
          {status.resultCode != null && status.httpStatus != null ? " · " : null}
          {status.httpStatus != null ? <>HTTP status: {status.httpStatus}</> : null}
        </p>
      ) : null}
    </div>
  );
}
