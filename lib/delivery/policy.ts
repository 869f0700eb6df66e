import "server-only";
import { fullJitterGenerator } from "cockatiel";
import type { WriteBackState } from "@/lib/db/enums";
import type { WriteBackOutcome } from "@/lib/isales/types";
import { settings } from "@/lib/settings";

/** How delivery retries and leases; from settings in the app, tiny values in tests. */
export type DeliveryPolicy = {
  firstDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  maxAgeS: number;
  leaseS: number;
  /** Quiet period before the newest is sent again after an uncertain older send (see deliver.ts). */
  confirmAfterMs?: number;
};

export function deliveryPolicyFromSettings(): DeliveryPolicy {
  const s = settings();
  return {
    firstDelayMs: s.DELIVERY_FIRST_DELAY_MS,
    maxDelayMs: s.DELIVERY_MAX_DELAY_MS,
    maxAttempts: s.DELIVERY_MAX_ATTEMPTS,
    maxAgeS: s.DELIVERY_MAX_AGE_S,
    leaseS: s.DELIVERY_LEASE_S,
    confirmAfterMs: s.DELIVERY_CONFIRM_AFTER_S * 1000,
  };
}

/**
 * What one answer means for delivery.
 * - accepted: done.
 * - attention: a person must look; sending the same bytes again would get the same answer
 *   or could apply twice. Refused (result not 0), HTTP 400/404/500, 401/403 after the
 *   client's own fresh-token retry, any other unexpected status, and an unreadable HTTP 200
 *   answer: iSales may have applied it, and it did not say, so a person checks rather
 *   than a machine resending blindly.
 * - transient: iSales did not (or could not) take it: no answer (timeout, refused, reset,
 *   dns), 408, 429, 502, 503, 504. Retried with backoff; these also count against the
 *   circuit breaker.
 */
export type Verdict = "accepted" | "attention" | "transient";

const transientStatuses = new Set([408, 429, 502, 503, 504]);

export function classify(outcome: WriteBackOutcome): Verdict {
  switch (outcome.kind) {
    case "accepted":
      return "accepted";
    case "refused":
      return "attention";
    case "no_answer":
      return "transient";
    case "http_error":
      return transientStatuses.has(outcome.httpStatus) ? "transient" : "attention";
    case "invalid_answer":
      // A gateway's HTML error page under a transient status is still the gateway's no.
      return transientStatuses.has(outcome.httpStatus) ? "transient" : "attention";
  }
}

/** The call's writeBackState for a write-back's delivery state and last outcome. */
export function callStateFor(
  state: "accepted" | "attention" | "retrying" | "queued" | "sending",
  outcome: WriteBackOutcome | null,
): WriteBackState {
  if (state === "accepted") return "accepted";
  if (state === "attention") return outcome?.kind === "refused" ? "refused" : "failed";
  return "pending";
}

/**
 * Delay before try `attempt + 1` after `attempt` tries failed (attempt ≥ 1): exponential
 * with full jitter, uniform in [0, min(max, first · 2^(attempt-1))). cockatiel's generator,
 * called with the stored count, because the state lives in the database across restarts,
 * not in an in-memory backoff iterator.
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<DeliveryPolicy, "firstDelayMs" | "maxDelayMs">,
): number {
  const [delay] = fullJitterGenerator(Math.max(0, attempt - 1), {
    generator: fullJitterGenerator,
    initialDelay: policy.firstDelayMs,
    maxDelay: policy.maxDelayMs,
    exponent: 2,
  });
  return delay;
}

/** Whether a transient failure after `attempts` tries, at `ageMs` old, still gets another try. */
export function mayRetry(
  attempts: number,
  ageMs: number,
  policy: Pick<DeliveryPolicy, "maxAttempts" | "maxAgeS">,
): boolean {
  return attempts < policy.maxAttempts && ageMs < policy.maxAgeS * 1000;
}
