"use client";

import { useSyncExternalStore } from "react";
import { sendWriteBack } from "@/app/calls/[id]/actions";
import {
  enqueueOutcome,
  type OutboxItem,
  readDevice,
  removeOutboxItem,
  updateOutboxItem,
} from "@/lib/device/store";
import type { SubmitResult } from "@/lib/write-back/submit";

/**
 * The page's one view of the connection and of what waits on this device: whether Preview
 * Desk answers (the banner), how many outcomes wait (the header), and the sending of those
 * outcomes, in the order they were made, when it answers again. A module-level store (the
 * layout mounts DeviceSync once per page load), read with useSyncExternalStore.
 */

type State = { userId: number | null; reachable: boolean; waiting: number };
let state: State = { userId: null, reachable: true, waiting: 0 };
const listeners = new Set<() => void>();
const update = (next: Partial<State>) => {
  state = { ...state, ...next };
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useDeviceState(): State {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}
export const deviceUser = () => state.userId;
export const isReachable = () => state.reachable;

/** What happened to one outcome sent from the outbox; the call page listens. */
export type OutboxEvent = { item: OutboxItem; result: SubmitResult | null };
const outboxListeners = new Set<(e: OutboxEvent) => void>();
export function onOutboxEvent(listener: (e: OutboxEvent) => void): () => void {
  outboxListeners.add(listener);
  return () => outboxListeners.delete(listener);
}
const emit = (e: OutboxEvent) => {
  for (const l of outboxListeners) l(e);
};

const PROBE_EVERY_MS = 3000;
const HEARTBEAT_MS = 30_000;
let probeTimer: ReturnType<typeof setTimeout> | undefined;

/** Whether the server answers: its health route, never from a cache. */
async function serverAnswers(): Promise<boolean> {
  try {
    const res = await fetch("/api/health", { cache: "no-store" });
    return res.ok;
  } catch {
    return false;
  }
}

async function probe(): Promise<void> {
  clearTimeout(probeTimer);
  const ok = await serverAnswers();
  if (ok) {
    const was = state.reachable;
    update({ reachable: true });
    if (!was) void flushOutbox();
  } else update({ reachable: false });
  probeTimer = setTimeout(() => void probe(), state.reachable ? HEARTBEAT_MS : PROBE_EVERY_MS);
}

/** A request failed on the way: the banner shows, and the server is asked again and again until it answers. */
export function markUnreachable(): void {
  if (!state.reachable) return;
  update({ reachable: false });
  clearTimeout(probeTimer);
  probeTimer = setTimeout(() => void probe(), PROBE_EVERY_MS);
}

export async function refreshWaiting(): Promise<OutboxItem[]> {
  const { userId } = state;
  if (userId === null) return [];
  const { outbox } = await readDevice(userId);
  update({ waiting: outbox.length });
  return outbox;
}

/** Keep an outcome that could not be sent; it goes when the server answers again. */
export async function keepOutcome(
  callId: number,
  values: Record<string, string>,
): Promise<OutboxItem | null> {
  const { userId } = state;
  const submissionId = values.submissionId;
  if (userId === null || !submissionId) return null;
  const item = await enqueueOutcome(userId, { callId, submissionId, values });
  await refreshWaiting();
  markUnreachable();
  return item;
}

let flushing: Promise<void> | null = null;

/**
 * Send what waits, oldest first, one at a time. The server is idempotent by submission id,
 * so an outcome it had already recorded (the answer was lost) is answered, not recorded
 * twice. A later outcome of the same call goes on the version the earlier one made. One
 * that meets a change made elsewhere, or is refused, stays for the agent to decide on the
 * call page; a failed request stops the round until the server answers again.
 */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      const { userId } = state;
      if (userId === null) return;
      const versions = new Map<string, number>();
      for (const item of await refreshWaiting()) {
        if (item.state !== "waiting") continue;
        const base = item.after ? versions.get(item.after) : undefined;
        const values = base === undefined ? item.values : { ...item.values, baseVersion: String(base) };
        let result: SubmitResult;
        try {
          result = (await sendWriteBack(item.callId, values)) as SubmitResult;
        } catch {
          markUnreachable();
          return;
        }
        if (result.ok) {
          versions.set(item.submissionId, result.version);
          await removeOutboxItem(userId, item.seq);
        } else if (result.code === "unauthenticated") {
          // Kept: sent when this agent signs in again (their device store is the same).
          return;
        } else if (result.code === "unavailable") {
          // The server answers but its database does not: kept, and tried again shortly.
          markUnreachable();
          return;
        } else {
          await updateOutboxItem(userId, {
            ...item,
            values,
            state: result.code === "conflict" ? "conflict" : "refused",
            message: result.message,
          });
        }
        emit({ item, result });
        await refreshWaiting();
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** Started once per page load by DeviceSync, for the signed-in user. */
export function startDeviceSync(userId: number): () => void {
  update({ userId, reachable: navigator.onLine });
  const online = () => void probe();
  const offline = () => markUnreachable();
  window.addEventListener("online", online);
  window.addEventListener("offline", offline);
  // Whatever waits from an earlier visit goes as soon as the server is known to answer.
  void probe().then(() => (state.reachable ? flushOutbox() : undefined));
  return () => {
    window.removeEventListener("online", online);
    window.removeEventListener("offline", offline);
    clearTimeout(probeTimer);
  };
}
