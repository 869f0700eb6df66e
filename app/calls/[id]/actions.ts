"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { postedText } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import { autoAdvanceOf, nextCallFor, setAutoAdvance } from "@/lib/assignment/next-call";
import { canSeeCall, type SessionUser } from "@/lib/auth/guards";
import { getCall } from "@/lib/calls/queries";
import type { Db } from "@/lib/db";
import { discardDraft, draftValuesSchema, saveDraft, saveDraftUnlessNewer } from "@/lib/drafts/drafts";
import { recordIdSchema } from "@/lib/validation/ids";
import { writeBackMessages } from "@/lib/validation/messages";
import { validationMessagesFor } from "@/lib/validation/messages-locale";
import { safeText } from "@/lib/validation/text";
import { writeBackFieldNames } from "@/lib/write-back/form-schema";
import { finaliseWriteBack, submitWriteBack } from "@/lib/write-back/submit";

/**
 * The call page's actions, for the call's own agent and for supervisors (whose send is a
 * correction with a reason). Each goes through authAction (session, input); the call's
 * ownership is checked here (drafts) or in submitWriteBack (sends), and another agent's
 * call answers exactly as one that does not exist.
 */

const callRecordIdSchema = z.number().int().positive();

/** The call, if this user may see it; else the not-found refusal. */
async function ownCall(db: Db, user: SessionUser, id: number) {
  const call = await getCall(db, id);
  if (!call || !canSeeCall(user, call))
    throw new ActionError("not_found", (await getTranslations("callPage.actions"))("notFound"));
  return call;
}

/**
 * Write back an outcome for one call (an agent's, or a supervisor's correction). The values
 * are parsed again in submitWriteBack with the call's own rules, whatever the form did.
 * No revalidatePath: it would re-render the whole call page into this answer and keep the
 * agent waiting; the form shows the outcome at once and refreshes the page's server parts
 * in the background.
 */
export const sendWriteBack = authAction(
  {
    name: "calls.sendWriteBack",
    role: "any",
    call: "args",
    schema: z.tuple([callRecordIdSchema, z.unknown()]),
  },
  async ({ user, db, input: [callRecordId, values] }) =>
    submitWriteBack(callRecordId, values, user, { db, messages: validationMessagesFor(await getLocale()) }),
);

/**
 * Keep what the user has typed so far for this call (debounced by the form). A draft that
 * waited on the device while the server could not be reached comes with when it was typed
 * (`late.editedAt`): it is kept only if the server's draft is not newer, else the newer one
 * is returned (`newer`) for the form to show.
 */
export const saveDraftAction = authAction(
  {
    name: "calls.saveDraft",
    role: "any",
    call: "args",
    schema: z.tuple([
      callRecordIdSchema,
      draftValuesSchema,
      z.object({ editedAt: z.iso.datetime() }).strict().optional(),
    ]),
  },
  async ({ user, db, input: [callRecordId, values, late] }) => {
    const call = await ownCall(db, user, callRecordId);
    if (!late) {
      const savedAt = await saveDraft(db, call.id, user.id, values);
      return { ok: true, savedAt: savedAt.toISOString(), newer: null };
    }
    const result = await saveDraftUnlessNewer(db, call.id, user.id, values, new Date(late.editedAt));
    if (result.kept) return { ok: true, savedAt: result.savedAt.toISOString(), newer: null };
    return {
      ok: true,
      savedAt: result.newer.updatedAt.toISOString(),
      newer: Object.fromEntries(
        Object.entries(result.newer.values).filter((e): e is [string, string] => typeof e[1] === "string"),
      ),
    };
  },
);

/** Drop the user's draft for this call (after a conflict, when they choose the other's version). */
export const discardDraftAction = authAction(
  { name: "calls.discardDraft", role: "any", call: "args", schema: z.tuple([callRecordIdSchema]) },
  async ({ user, db, input: [callRecordId] }) => {
    const call = await ownCall(db, user, callRecordId);
    // The form reloads the page after this, so nothing needs revalidating here.
    await discardDraft(db, call.id, user.id);
    return { ok: true };
  },
);

/**
 * "Next call": the agent's next open call after this one (or their first, from the list),
 * else one taken from the pool for them. Agents only (supervisors work from the review);
 * the call they are on must be theirs, and only says where they are in their list.
 */
export const openNextCallAction = authAction(
  {
    name: "calls.openNext",
    role: "agent",
    call: "args",
    // null: from the list, not from a call.
    schema: z.tuple([callRecordIdSchema.nullable()]),
  },
  async ({ user, db, input: [callRecordId] }) => {
    const current = callRecordId === null ? 0 : (await ownCall(db, user, callRecordId)).id;
    const next = await nextCallFor(db, user.id, current);
    if (!next) throw new ActionError("refused", (await getTranslations("callPage.next"))("noneLeft"));
    return { ok: true, callId: next.callId, from: next.from };
  },
);

/** The agent's auto-advance choice, kept on their account. */
export const setAutoAdvanceAction = authAction(
  { name: "calls.setAutoAdvance", role: "agent", call: "args", schema: z.tuple([z.boolean()]) },
  async ({ user, db, input: [on] }) => {
    await setAutoAdvance(db, user.id, on);
    return { ok: true, autoAdvance: await autoAdvanceOf(db, user.id) };
  },
);

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
export const keepWriteBackWithoutScript = authAction(
  {
    name: "calls.keepWithoutScript",
    role: "any",
    call: "state",
    schema: z.object({
      callRecordId: recordIdSchema,
      ...Object.fromEntries([...writeBackFieldNames, "reason", "baseVersion"].map((k) => [k, postedText])),
    }),
  },
  async ({ user, db, input: { callRecordId, ...fields } }) => {
    const call = await ownCall(db, user, callRecordId);
    const values = Object.fromEntries(
      Object.entries(fields).filter(
        (e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== "",
      ),
    );
    const t = await getTranslations("callPage.actions");
    const parsed = draftValuesSchema.safeParse(values);
    if (!parsed.success || Object.keys(parsed.data).length === 0)
      return { ok: false, code: "refused", message: t("needsScript") };
    await saveDraft(db, call.id, user.id, parsed.data);
    return { ok: true, message: t("needsScriptKept") };
  },
);

/**
 * Mark the call's current outcome final (call/result): the agent's own call when the
 * catalogue admits the outcome, any call for a supervisor, with a reason. The submission
 * id is made when the page is rendered, so the same form sent twice is one write-back.
 */
export const finaliseAction = authAction(
  {
    name: "calls.finalise",
    role: "any",
    call: "state",
    schema: z.object({
      callRecordId: recordIdSchema,
      submissionId: z.uuid(writeBackMessages.submissionIdInvalid),
      baseVersion: z.coerce.number().int().min(0).max(2_147_483_647),
      reason: safeText().trim().max(500).default(""),
    }),
  },
  async ({ user, db, input }) => {
    const result = await finaliseWriteBack(
      input.callRecordId,
      { submissionId: input.submissionId, baseVersion: input.baseVersion, reason: input.reason },
      user,
      { db, messages: validationMessagesFor(await getLocale()) },
    );
    if (!result.ok) return result;
    revalidatePath(`/calls/${input.callRecordId}`);
    const t = await getTranslations("callPage");
    return { ...result, message: t("final.done", { state: t(`history.delivery.${result.status.state}`) }) };
  },
);
