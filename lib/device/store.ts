import { clear, createStore, del, entries, get, set, type UseStore } from "idb-keyval";
import type { DeviceDraft, OutboxItem } from "./schemas";

export type { DeviceDraft, OutboxItem } from "./schemas";

/**
 * What this browser keeps for one signed-in user while Preview Desk cannot be reached (issue
 * 14), in IndexedDB through idb-keyval: the form's draft of each call (`draft:<call id>`) and
 * the outcomes sent while offline, waiting to go (`outbox:<seq>`). Each user has a database of
 * their own (`preview-desk-user-<id>`), so on a shared computer one agent's desk never opens
 * another's; signing out empties it (clearDevice). Browser-only; everything read back is
 * parsed, since an older version of the desk may have written it.
 */

/** How long a draft or a waiting outcome is kept on the device without being touched. */
export const DEVICE_KEEP_DAYS = 7;
const keepMs = DEVICE_KEEP_DAYS * 24 * 60 * 60 * 1000;

/** The schemas of what is read back, loaded at the first read (zod stays out of the first load). */
const schemas = () => import("./schemas");

const stores = new Map<number, UseStore>();
function storeOf(userId: number): UseStore {
  let store = stores.get(userId);
  if (!store) {
    store = createStore(`preview-desk-user-${userId}`, "device");
    stores.set(userId, store);
  }
  return store;
}

const draftKey = (callId: number) => `draft:${callId}`;
const outboxKey = (seq: number) => `outbox:${String(seq).padStart(16, "0")}`;

export async function readDeviceDraft(userId: number, callId: number): Promise<DeviceDraft | null> {
  const { deviceDraftSchema } = await schemas();
  const parsed = deviceDraftSchema.safeParse(await get(draftKey(callId), storeOf(userId)));
  return parsed.success ? parsed.data : null;
}

export async function writeDeviceDraft(userId: number, draft: DeviceDraft): Promise<void> {
  await set(draftKey(draft.callId), draft, storeOf(userId));
}

export async function dropDeviceDraft(userId: number, callId: number): Promise<void> {
  await del(draftKey(callId), storeOf(userId));
}

/** Everything kept for this user, oldest first; what is past DEVICE_KEEP_DAYS is dropped. */
export async function readDevice(
  userId: number,
  now = Date.now(),
): Promise<{ drafts: DeviceDraft[]; outbox: OutboxItem[] }> {
  const store = storeOf(userId);
  const drafts: DeviceDraft[] = [];
  const outbox: OutboxItem[] = [];
  const stale: IDBValidKey[] = [];
  const { deviceDraftSchema, outboxItemSchema } = await schemas();
  for (const [key, value] of await entries(store)) {
    const k = String(key);
    const draft = k.startsWith("draft:") ? deviceDraftSchema.safeParse(value) : null;
    const item = k.startsWith("outbox:") ? outboxItemSchema.safeParse(value) : null;
    if (draft?.success && now - draft.data.editedAt < keepMs) drafts.push(draft.data);
    else if (item?.success && now - item.data.queuedAt < keepMs) outbox.push(item.data);
    else stale.push(key);
  }
  await Promise.all(stale.map((key) => del(key, store)));
  outbox.sort((a, b) => a.seq - b.seq);
  return { drafts, outbox };
}

/** Keep an outcome to send later, after every other one waiting. */
export async function enqueueOutcome(
  userId: number,
  item: Omit<OutboxItem, "seq" | "after" | "state" | "message" | "queuedAt">,
): Promise<OutboxItem> {
  const { outbox } = await readDevice(userId);
  const now = Date.now();
  const seq = Math.max(now, ...outbox.map((i) => i.seq + 1));
  const before = outbox.filter((i) => i.callId === item.callId).at(-1);
  const full: OutboxItem = {
    ...item,
    seq,
    queuedAt: now,
    after: before?.submissionId ?? null,
    state: "waiting",
    message: null,
  };
  await set(outboxKey(seq), full, storeOf(userId));
  return full;
}

export async function updateOutboxItem(userId: number, item: OutboxItem): Promise<void> {
  await set(outboxKey(item.seq), item, storeOf(userId));
}

export async function removeOutboxItem(userId: number, seq: number): Promise<void> {
  await del(outboxKey(seq), storeOf(userId));
}

/** Signing out: nothing of this user stays in this browser's database. */
export async function clearDevice(userId: number): Promise<void> {
  await clear(storeOf(userId));
}
