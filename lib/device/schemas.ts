import "@/lib/zod-browser";
import { z } from "zod";

/**
 * What lib/device/store.ts keeps in this browser's database, as it is parsed when read back
 * (an older version of the desk may have written it). On their own so that the store loads
 * zod only at its first read, after the page's first paint (issue 12).
 */

/** The form's text values, as the server's draft keeps them (lib/drafts). */
const valuesSchema = z.record(z.string(), z.string());

export const deviceDraftSchema = z.object({
  callId: z.number().int().positive(),
  values: valuesSchema,
  /** When the agent last changed it, on the device's clock (ms since 1970). */
  editedAt: z.number(),
  /** The server's clock minus the device's, measured at the last draft the server kept. */
  clockOffsetMs: z.number(),
  /** The server holds these very values (its draft was saved after the last change). */
  synced: z.boolean(),
});
export type DeviceDraft = z.infer<typeof deviceDraftSchema>;

export const outboxItemSchema = z.object({
  seq: z.number().int(),
  callId: z.number().int().positive(),
  submissionId: z.uuid(),
  /** The form's values as sendWriteBack takes them (submission id, zone and version included). */
  values: valuesSchema,
  queuedAt: z.number(),
  /** An earlier waiting outcome of the same call: this one is sent on the version that one makes. */
  after: z.uuid().nullable(),
  /** waiting: sent by itself; conflict / refused: the agent decides on the call page. */
  state: z.enum(["waiting", "conflict", "refused"]),
  message: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;
