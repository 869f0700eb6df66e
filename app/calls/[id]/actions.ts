"use server";

import { z } from "zod";
import { canSeeCall, checkAuth } from "@/lib/auth/guards";
import { getCall } from "@/lib/calls/queries";
import { getDb } from "@/lib/db";
import { discardDraft, draftValuesSchema, saveDraft } from "@/lib/drafts/drafts";
import { writeBackFieldNames } from "@/lib/write-back/form-schema";
import { type SubmitResult, submitWriteBack } from "@/lib/write-back/submit";

const callRecordIdSchema = z.number().int().positive();

/**
 * Write back an outcome for one call (an agent's, or a supervisor's correction). A server
 * action is a public endpoint: the id and the values are parsed again here and in
 * submitWriteBack, whatever the form did. The session is checked here, the call's
 * ownership and the role's duties (a supervisor's reason) in submitWriteBack.
 */
export async function sendWriteBack(callRecordId: number, values: unknown): Promise<SubmitResult> {
  const auth = await checkAuth();
  if (!auth.ok) return { ok: false, message: auth.message };
  const id = callRecordIdSchema.safeParse(callRecordId);
  if (!id.success) return { ok: false, message: "This call does not exist. Go back to the list." };
  // No revalidatePath here: it would re-render the whole call page into this answer and
  // keep the agent waiting for it. The form shows the outcome at once and then refreshes
  // the page's server parts (history, badge) in the background.
  return submitWriteBack(id.data, values, auth.user);
}

export type DraftResult = { ok: true; savedAt: string } | { ok: false; message: string };

/** The signed-in user and a call they may see, or the answer to give instead. */
async function userAndCall(callRecordId: unknown) {
  const auth = await checkAuth();
  if (!auth.ok) return { ok: false as const, message: auth.message };
  const id = callRecordIdSchema.safeParse(callRecordId);
  const db = await getDb();
  const call = id.success ? await getCall(db, id.data) : null;
  if (!call || !canSeeCall(auth.user, call))
    return { ok: false as const, message: "This call does not exist." };
  return { ok: true as const, db, user: auth.user, call };
}

/** Keep what the user has typed so far for this call (debounced by the form). */
export async function saveDraftAction(callRecordId: number, values: unknown): Promise<DraftResult> {
  const found = await userAndCall(callRecordId);
  if (!found.ok) return found;
  const parsed = draftValuesSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: "The draft could not be read." };
  const savedAt = await saveDraft(found.db, found.call.id, found.user.id, parsed.data);
  return { ok: true, savedAt: savedAt.toISOString() };
}

/** Drop the user's draft for this call (after a conflict, when they choose the other's version). */
export async function discardDraftAction(callRecordId: number): Promise<{ ok: boolean; message?: string }> {
  const found = await userAndCall(callRecordId);
  if (!found.ok) return found;
  // The form reloads the page after this, so nothing needs revalidating here.
  await discardDraft(found.db, found.call.id, found.user.id);
  return { ok: true };
}

/** A text field of a posted form (or of a plain object, as a script may send): "" when absent. */
function formField(form: unknown, key: string): string {
  const value =
    form instanceof FormData
      ? form.get(key)
      : typeof form === "object" && form !== null
        ? (form as Record<string, unknown>)[key]
        : undefined;
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

export type WithoutScriptState = { kept: boolean; message: string } | null;

const NEEDS_SCRIPT =
  "Nothing was sent: sending an outcome needs JavaScript, which is off or has not finished loading on this page.";

/**
 * The write-back form's `action`, which runs only when the browser submits the form itself:
 * before the page's JavaScript has loaded, or with none (with it, the form sends through
 * sendWriteBack and this never runs). Sending needs the script: the times are typed in the
 * agent's own zone, which only the browser knows, and the submission id that keeps a
 * resend from writing back twice is made there. So nothing is sent; what the agent typed
 * is kept as their draft (the same checks as saveDraftAction), and the page, rendered
 * again, restores it once the script runs. Blank fields are left out: before the script
 * fills the form in, every field shows blank, and a blank must not wipe a stored value.
 */
export async function keepWriteBackWithoutScript(
  _prev: WithoutScriptState,
  form: unknown,
): Promise<WithoutScriptState> {
  const found = await userAndCall(Number(formField(form, "callRecordId")));
  if (!found.ok) return { kept: false, message: found.message };
  const values: Record<string, string> = {};
  for (const key of [...writeBackFieldNames, "reason", "baseVersion"]) {
    const value = formField(form, key);
    if (value.trim() !== "") values[key] = value;
  }
  const parsed = draftValuesSchema.safeParse(values);
  if (!parsed.success || Object.keys(parsed.data).length === 0) {
    return {
      kept: false,
      message: `${NEEDS_SCRIPT} Turn JavaScript on, or wait for the page to load, then enter the outcome and press Send.`,
    };
  }
  await saveDraft(found.db, found.call.id, found.user.id, parsed.data);
  return {
    kept: true,
    message: `${NEEDS_SCRIPT} What you typed is kept as a draft: turn JavaScript on, or wait for the page to load, check the values, then press Send.`,
  };
}
