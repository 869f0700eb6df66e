import "server-only";
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
} from "cockatiel";
import type { WriteBackResult } from "@/lib/isales/types";
import { classify } from "./policy";

export type BreakerState = "closed" | "open" | "half-open";

export type BreakerOptions = {
  /** Consecutive transient failures that open it. */
  failures: number;
  /** How long it stays open before one write-back is let through as a probe. */
  halfOpenAfterMs: number;
};

/**
 * The circuit breaker around iSales, on cockatiel's CircuitBreakerPolicy (consecutive
 * breaker, one half-open probe). Only transient outcomes count as failures: a refusal or
 * an HTTP 400 is iSales answering, not iSales being down.
 *
 * cockatiel queues callers behind a half-open probe; the sender must not hold leases
 * while waiting, so `admits()` says beforehand whether a send would go through now, and
 * only one probe at a time is let in.
 */
export type DeliveryBreaker = {
  state(): BreakerState;
  admits(): boolean;
  /** Runs the send; throws BreakerOpenError when the breaker refused it. */
  run(send: () => Promise<WriteBackResult>): Promise<WriteBackResult>;
  onStateChange(listener: (state: BreakerState) => void): void;
};

export class BreakerOpenError extends Error {
  override name = "BreakerOpenError";
}

export function createBreaker(options: BreakerOptions): DeliveryBreaker {
  const policy = circuitBreaker(
    handleWhenResult((r) => classify((r as WriteBackResult).outcome) === "transient"),
    { halfOpenAfter: options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.failures) },
  );
  let openedAt = 0;
  let probing = false;
  const listeners: ((state: BreakerState) => void)[] = [];
  const name = (s: CircuitState): BreakerState =>
    s === CircuitState.Closed ? "closed" : s === CircuitState.HalfOpen ? "half-open" : "open";
  policy.onBreak(() => {
    openedAt = Date.now();
  });
  policy.onStateChange((s) => {
    for (const listener of listeners) listener(name(s));
  });

  const admits = () => {
    const s = policy.state;
    if (s === CircuitState.Closed) return true;
    if (probing) return false;
    if (s === CircuitState.Open) return Date.now() - openedAt >= options.halfOpenAfterMs;
    return s === CircuitState.HalfOpen;
  };

  return {
    state: () => name(policy.state),
    admits,
    async run(send) {
      if (!admits()) throw new BreakerOpenError("iSales circuit breaker is open");
      const probe = policy.state !== CircuitState.Closed;
      if (probe) probing = true;
      try {
        return await policy.execute(send);
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new BreakerOpenError("iSales circuit breaker is open");
        throw error;
      } finally {
        if (probe) probing = false;
      }
    },
    onStateChange(listener) {
      listeners.push(listener);
    },
  };
}
