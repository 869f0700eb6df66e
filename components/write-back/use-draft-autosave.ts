"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { saveDraftAction } from "@/app/calls/[id]/actions";
import type { WriteBackFormValues } from "@/lib/write-back/form-schema";
import { type DraftView, draftFields } from "./form-defaults";

const DRAFT_DEBOUNCE_MS = 800;

export type DraftState = "idle" | "saving" | "saved" | "error";

/**
 * Every change the user makes to the form is kept on the server as their draft, debounced,
 * so it survives a reload, a crash, signing out and in. `schedule` after a change made by
 * code (a time stamped by a button); `cancel` before a send, so a save still waiting does not
 * land after it and keep a draft of what was sent; `sent` after a send, when the draft ends.
 */
export function useDraftAutosave(
  callRecordId: number,
  form: Pick<UseFormReturn<WriteBackFormValues>, "getValues" | "watch">,
  initial: DraftView | null,
) {
  const { getValues, watch } = form;
  const [state, setState] = useState<DraftState>(initial ? "saved" : "idle");
  const [savedAt, setSavedAt] = useState<string | null>(initial?.savedAt ?? null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  const generation = useRef(0);
  const savedAtRef = useRef(savedAt);
  savedAtRef.current = savedAt;

  const saveNow = useCallback(async () => {
    const v = getValues();
    const values: Record<string, string> = { baseVersion: String(v.baseVersion) };
    for (const k of draftFields) {
      const value = v[k as keyof WriteBackFormValues];
      if (typeof value === "string") values[k] = value;
    }
    setState("saving");
    inFlight.current = true;
    const mine = generation.current;
    try {
      const result = await saveDraftAction(callRecordId, values);
      // A send made meanwhile ended the draft: its answer changes nothing on screen.
      if (mine !== generation.current) return;
      if (result.ok) setSavedAt(result.savedAt);
      setState(result.ok ? "saved" : "error");
    } catch {
      if (mine === generation.current) setState("error");
    } finally {
      inFlight.current = false;
    }
  }, [callRecordId, getValues]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    setState("saving");
    timer.current = setTimeout(() => void saveNow(), DRAFT_DEBOUNCE_MS);
  }, [saveNow]);

  /**
   * A save that was waiting is dropped (the send keeps the values): "Saving…" must not
   * stay behind, so the state goes back to what is true: the last draft saved, or none.
   */
  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    setState((s) => (s === "saving" && !inFlight.current ? (savedAtRef.current ? "saved" : "idle") : s));
  }, []);

  /** The outcome was recorded: nothing is waiting to be saved, and no "Saving…" stays behind. */
  const sent = useCallback(() => {
    clearTimeout(timer.current);
    generation.current++;
    setState("idle");
  }, []);

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
