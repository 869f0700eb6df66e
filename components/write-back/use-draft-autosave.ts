"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { saveDraftAction } from "@/app/calls/[id]/actions";
import { isReachable, markUnreachable, useDeviceState } from "@/components/device/device-state";
import { dropDeviceDraft, readDeviceDraft, writeDeviceDraft } from "@/lib/device/store";
import type { WriteBackFormValues } from "@/lib/write-back/form-schema";
import { type DraftView, draftFields } from "./form-defaults";

const DRAFT_DEBOUNCE_MS = 800;

/** saved: on the server; device: on this device only, for the server when it answers again. */
export type DraftState = "idle" | "saving" | "saved" | "device" | "error";

/**
 * Every change the user makes to the form is kept, at once, on this device (IndexedDB,
 * lib/device/store.ts) and, debounced, on the server as their draft, so it survives a
 * reload, a crash, the network or the server going away, signing out and in. While the
 * server cannot be reached the device keeps it ("saved on this device") and hands it to the
 * server when it answers again. On opening the call, a device draft newer than the
 * server's is put back in the form (and saved); an older one is dropped.
 * `schedule` after a change made by code (a time stamped by a button); `cancel` before a
 * send, so a save still waiting does not land after it and keep a draft of what was sent;
 * `sent` after a send, when the draft ends.
 */
export function useDraftAutosave(
  callRecordId: number,
  userId: number,
  form: Pick<UseFormReturn<WriteBackFormValues>, "getValues" | "watch" | "setValue">,
  initial: DraftView | null,
) {
  const { getValues, watch, setValue } = form;
  const [state, setState] = useState<DraftState>(initial ? "saved" : "idle");
  const [savedAt, setSavedAt] = useState<string | null>(initial?.savedAt ?? null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const generation = useRef(0);
  const savedAtRef = useRef(savedAt);
  savedAtRef.current = savedAt;
  /** Changes made so far; a save answers for the change it carried, not a later one. */
  const changes = useRef(0);
  const editedAt = useRef(0);
  /** The server's clock minus this device's, from the last draft the server kept. */
  const clockOffset = useRef(0);
  /** The device holds a change the server has not got. */
  const unsynced = useRef(false);
  const { reachable } = useDeviceState();

  const currentValues = useCallback(() => {
    const v = getValues();
    const values: Record<string, string> = { baseVersion: String(v.baseVersion) };
    for (const k of draftFields) {
      const value = v[k as keyof WriteBackFormValues];
      if (typeof value === "string") values[k] = value;
    }
    return values;
  }, [getValues]);

  const keepOnDevice = useCallback(
    (values: Record<string, string>, synced: boolean) =>
      writeDeviceDraft(userId, {
        callId: callRecordId,
        values,
        editedAt: editedAt.current,
        clockOffsetMs: clockOffset.current,
        synced,
      }).catch(() => undefined),
    [userId, callRecordId],
  );

  /** Puts values in the form, as a draft restored (without counting as a change). */
  const restore = useCallback(
    (values: Record<string, string>) => {
      for (const [key, value] of Object.entries(values)) {
        if (key === "baseVersion" && /^\d+$/.test(value)) setValue("baseVersion", Number(value));
        else if (draftFields.includes(key)) setValue(key as "status", value, { shouldDirty: true });
      }
    },
    [setValue],
  );

  /**
   * Save to the server. `late`: the values waited on this device while the server was
   * away; the server keeps them only if its own draft is not newer, and otherwise answers
   * with its newer one, which replaces them here.
   */
  const saveNow = useCallback(
    async (late = false) => {
      const values = currentValues();
      const change = changes.current;
      setState("saving");
      inFlight.current = true;
      const mine = generation.current;
      try {
        const result = late
          ? await saveDraftAction(callRecordId, values, {
              editedAt: new Date(editedAt.current + clockOffset.current).toISOString(),
            })
          : await saveDraftAction(callRecordId, values);
        // A send made meanwhile ended the draft: its answer changes nothing on screen.
        if (mine !== generation.current) return;
        if (result.ok) {
          setSavedAt(result.savedAt);
          clockOffset.current = Date.parse(result.savedAt) - Date.now();
          if (result.newer && change === changes.current) {
            // Changed elsewhere after this device's values were typed: the newer one stands.
            restore(result.newer);
            unsynced.current = false;
            await keepOnDevice(result.newer, true);
          } else if (change === changes.current) {
            unsynced.current = false;
            await keepOnDevice(values, true);
          }
          setState("saved");
        } else {
          // Signed out meanwhile, or the database is away: the device still has it.
          setState(result.code === "unauthenticated" || result.code === "unavailable" ? "device" : "error");
        }
      } catch {
        // No answer: the server or the network is away. The device has the values.
        if (mine === generation.current) setState("device");
        markUnreachable();
      } finally {
        inFlight.current = false;
      }
    },
    [callRecordId, currentValues, keepOnDevice, restore],
  );

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    changes.current++;
    editedAt.current = Date.now();
    unsynced.current = true;
    void keepOnDevice(currentValues(), false);
    setState("saving");
    timer.current = setTimeout(() => void saveNow(!isReachable()), DRAFT_DEBOUNCE_MS);
  }, [saveNow, keepOnDevice, currentValues]);

  /**
   * A save that was waiting is dropped (the send keeps the values): "Saving…" must not
   * stay behind, so the state goes back to what is true: the last draft saved, or none.
   */
  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    setState((s) => (s === "saving" && !inFlight.current ? (savedAtRef.current ? "saved" : "idle") : s));
  }, []);

  /** The outcome was recorded (or is kept to send): nothing is waiting to be saved, and no "Saving…" stays behind. */
  const sent = useCallback(() => {
    clearTimeout(timer.current);
    generation.current++;
    unsynced.current = false;
    void dropDeviceDraft(userId, callRecordId).catch(() => undefined);
    setState("idle");
  }, [userId, callRecordId]);

  // On opening the call: the device's draft, when newer than the server's, goes back in the form.
  const initialSavedAt = initial?.savedAt ?? null;
  useEffect(() => {
    let alive = true;
    void readDeviceDraft(userId, callRecordId)
      .then(async (draft) => {
        // The agent changed something since the page opened: the form is newer than any
        // draft, and what the device holds now is this page's own (the read waits for the
        // store's schemas, which load after the first paint, so a quick agent comes first).
        if (!alive || !draft || draft.synced || changes.current > 0) return;
        const serverAt = initialSavedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(initialSavedAt);
        if (draft.editedAt + draft.clockOffsetMs <= serverAt) {
          await dropDeviceDraft(userId, callRecordId);
          return;
        }
        restore(draft.values);
        editedAt.current = draft.editedAt;
        clockOffset.current = draft.clockOffsetMs;
        unsynced.current = true;
        setState("device");
        if (isReachable()) await saveNow(true);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [userId, callRecordId, initialSavedAt, restore, saveNow]);

  // The server answers again: what only the device has goes to it.
  useEffect(() => {
    if (reachable && unsynced.current && !inFlight.current) {
      clearTimeout(timer.current);
      void saveNow(true);
    }
  }, [reachable, saveNow]);

  useEffect(() => {
    const subscription = watch((_values, { name, type }) => {
      if (type === "change" && name && draftFields.includes(name)) schedule();
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer.current);
    };
  }, [watch, schedule]);

  return { state, savedAt, schedule, cancel, sent };
}
