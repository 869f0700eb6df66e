import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { type WriteBack, writeBackAttempts, writeBacks } from "@/lib/db/schema";
import { describeOutcome, outcomeFromRecord } from "@/lib/isales/outcome-messages";
import { isFinal, type WriteBackStatus } from "./status-view";

/** One write-back's status for the browser, or null when there is no such write-back. */
export async function loadWriteBackStatus(
  db: Db,
  writeBackId: number,
): Promise<(WriteBackStatus & { callId: number; userId: number | null }) | null> {
  const [row] = await db.select().from(writeBacks).where(eq(writeBacks.id, writeBackId));
  if (!row) return null;
  return { ...(await statusOf(db, row)), callId: row.callId, userId: row.userId };
}

export async function statusOf(db: Db, row: WriteBack): Promise<WriteBackStatus> {
  const [latest] = await db
    .select()
    .from(writeBackAttempts)
    .where(eq(writeBackAttempts.writeBackId, row.id))
    .orderBy(desc(writeBackAttempts.id))
    .limit(1);
  const outcome = latest ? outcomeFromRecord(latest) : null;
  return {
    id: row.id,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === "retrying" ? row.nextAttemptAt.toISOString() : null,
    final: isFinal(row.state),
    message: outcome ? describeOutcome(outcome) : null,
    resultCode: latest?.resultCode ?? null,
    httpStatus: latest?.httpStatus ?? null,
  };
}
