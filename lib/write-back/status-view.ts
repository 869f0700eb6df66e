import type { DeliveryState } from "@/lib/db/enums";
import type { OutcomeMessage } from "@/lib/isales/types";

/**
 * Where one write-back stands, as the browser sees it (plain JSON, nothing secret). Shared
 * by the submit's answer and the status route the call page polls while it is not final.
 */
export type WriteBackStatus = {
  id: number;
  state: DeliveryState;
  /** HTTP attempts made so far. */
  attempts: number;
  /** For retrying: when the next try is due (ISO). */
  nextAttemptAt: string | null;
  /** No more change will come by itself: accepted, needs attention, superseded, cancelled. */
  final: boolean;
  /** What iSales's latest answer means, in plain words (null before any answer). */
  message: OutcomeMessage | null;
  resultCode: string | null;
  httpStatus: number | null;
};

export const finalStates: readonly DeliveryState[] = ["accepted", "attention", "superseded", "cancelled"];

export const isFinal = (state: DeliveryState): boolean => finalStates.includes(state);

/** The state in plain words for the agent. */
export const deliveryStateWords: Record<DeliveryState, string> = {
  queued: "Queued — will be sent when iSales answers",
  sending: "Being sent to iSales",
  retrying: "Queued — will be sent when iSales answers",
  accepted: "Accepted by iSales",
  attention: "Needs attention",
  superseded: "Replaced by a newer outcome (not sent)",
  cancelled: "Cancelled by a supervisor",
};
