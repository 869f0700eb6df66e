"use client";

import { Notice as UiNotice } from "@/components/ui/notice";
import type { WriteBackStatus } from "@/lib/write-back/status-view";
import { WriteBackStatusView } from "./write-back-status";

/** A message the form shows after a send that did not give a write-back to follow. */
export type Notice = { tone: "success" | "info" | "warning" | "error"; title: string; action?: string };

/**
 * What came of the last send, announced politely: the form's own notice (nothing was
 * recorded, or it is not known), else the write-back's live status.
 */
export function OutcomeNotice({ notice, status }: { notice: Notice | null; status: WriteBackStatus | null }) {
  return (
    <div aria-live="polite" aria-atomic="true" data-testid="write-back-outcome">
      {notice ? (
        <UiNotice tone={notice.tone} live={false} title={notice.title}>
          {notice.action}
        </UiNotice>
      ) : status ? (
        <WriteBackStatusView status={status} />
      ) : null}
    </div>
  );
}
