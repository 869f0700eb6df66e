import "server-only";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { drafts, writeBacks } from "@/lib/db/schema";
import { safeText } from "@/lib/validation/text";

/**
 * What an agent has typed into a call's form but not sent, kept on the server per call and
 * user so that it survives a reload, a browser crash, and signing out and in. A draft ends
 * when a write-back of its content is accepted: one this user submitted for the call at or
 * after the draft was last changed (typing after a submit starts a new draft that stays).
 */

const text = safeText().max(300);

/** The form's text values a draft may hold; anything else is dropped, never stored. */
export const draftValuesSchema = z
  .object({
    status: text,
    failCode: text,
    asrResult: text,
    deviceType: text,
    phoneNumber: text,
    callId: text,
    writeStartTime: text,
    endCallTime: text,
    reason: safeText(undefined, { multiline: true }).max(1000),
    /** The version of the call's outcome the agent started from (conflicts are found on send). */
    baseVersion: z.string().regex(/^\d{1,9}$/),
  })
  .partial();

export type DraftValues = z.infer<typeof draftValuesSchema>;

export type Draft = { values: DraftValues; updatedAt: Date };

export async function saveDraft(db: Db, callId: number, userId: number, values: DraftValues): Promise<Date> {
  // The database's clock, as write-backs' createdAt is: the two are compared to end drafts.
  const [row] = await db
    .insert(drafts)
    .values({ callId, userId, values, updatedAt: sql`now()` })
    .onConflictDoUpdate({ target: [drafts.callId, drafts.userId], set: { values, updatedAt: sql`now()` } })
    .returning({ updatedAt: drafts.updatedAt });
  return row?.updatedAt ?? new Date();
}

/**
 * A draft typed on a device while the server could not be reached, arriving late: kept
 * only when the server's draft of the call is not newer than when it was typed (`editedAt`,
 * on the server's clock as the device last measured it). Otherwise the server's newer
 * draft stands, and is returned for the device to show in place of its older one.
 */
export async function saveDraftUnlessNewer(
  db: Db,
  callId: number,
  userId: number,
  values: DraftValues,
  editedAt: Date,
): Promise<{ kept: true; savedAt: Date } | { kept: false; newer: Draft }> {
  const [row] = await db
    .insert(drafts)
    .values({ callId, userId, values, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [drafts.callId, drafts.userId],
      set: { values, updatedAt: sql`now()` },
      setWhere: lte(drafts.updatedAt, editedAt),
    })
    .returning({ updatedAt: drafts.updatedAt });
  if (row) return { kept: true, savedAt: row.updatedAt };
  const newer = await loadDraft(db, callId, userId);
  // Ended meanwhile (its outcome accepted): nothing newer to show; keep the device's.
  if (!newer) return { kept: true, savedAt: await saveDraft(db, callId, userId, values) };
  return { kept: false, newer };
}

/** The user's draft for the call, or null; a draft whose write-back was accepted is ended here. */
export async function loadDraft(db: Db, callId: number, userId: number): Promise<Draft | null> {
  const [row] = await db
    .select()
    .from(drafts)
    .where(and(eq(drafts.callId, callId), eq(drafts.userId, userId)));
  if (!row) return null;
  if (await endDraftIfAccepted(db, callId, userId)) return null;
  const parsed = draftValuesSchema.safeParse(row.values);
  return parsed.success ? { values: parsed.data, updatedAt: row.updatedAt } : null;
}

/**
 * End the draft if a write-back of it was accepted (submitted by this user for this call
 * at or after the draft's last change). Returns whether a draft was ended.
 */
export async function endDraftIfAccepted(
  db: Pick<Db, "delete">,
  callId: number,
  userId: number,
): Promise<boolean> {
  const ended = await db
    .delete(drafts)
    .where(
      and(
        eq(drafts.callId, callId),
        eq(drafts.userId, userId),
        sql`exists (select 1 from ${writeBacks} where ${and(
          eq(writeBacks.callId, callId),
          eq(writeBacks.userId, userId),
          eq(writeBacks.state, "accepted"),
          gte(writeBacks.createdAt, drafts.updatedAt),
        )})`,
      ),
    )
    .returning({ callId: drafts.callId });
  return ended.length > 0;
}

export async function discardDraft(db: Db, callId: number, userId: number): Promise<void> {
  await db.delete(drafts).where(and(eq(drafts.callId, callId), eq(drafts.userId, userId)));
}
