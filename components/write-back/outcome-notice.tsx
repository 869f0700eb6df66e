"use client";

import type { WriteBackStatus } from "@/lib/write-back/status-view";
import { WriteBackStatusView } from "./write-back-status";

/** A message the form shows after a send that did not give a write-back to follow. */
export type Notice = { tone: "success" | "warning" | "error"; title: string; action?: string };

const toneClasses: Record<Notice["tone"], string> = {
  success: "border-green-700 bg-green-50 text-green-950",
  warning: "border-amber-700 bg-amber-50 text-amber-950",
  error: "border-red-700 bg-red-50 text-red-950",
};

/**
 * What came of the last send, announced politely: the form's own notice (nothing was
 * recorded, or it is not known), else the write-back's live status.
 */
export function OutcomeNotice({ notice, status }: { notice: Notice | null; status: WriteBackStatus | null }) {
  return (
    <div aria-live="polite" aria-atomic="true" data-testid="write-back-outcome">
      {notice ? (
        <div className={`rounded-md border-l-4 p-4 ${toneClasses[notice.tone]}`}>
          <p className="font-semibold">{notice.title}</p>
          {notice.action ? <p className="mt-1">{notice.action}</p> : null}
        </div>
      ) : status ? (
        <WriteBackStatusView status={status} />
      ) : null}
    </div>
  );
}
