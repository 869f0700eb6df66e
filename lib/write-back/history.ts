import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { writeBackAttempts, writeBacks } from "@/lib/db/schema";
import { toWriteBackView, type WriteBackView } from "./attempt-view";

/** A call's write-backs with their attempts, newest first, for the call page's history. */
export async function loadWriteBackHistory(db: Db, callRecordId: number): Promise<WriteBackView[]> {
  const [rows, attempts] = await Promise.all([
    db.select().from(writeBacks).where(eq(writeBacks.callId, callRecordId)).orderBy(desc(writeBacks.id)),
    db
      .select()
      .from(writeBackAttempts)
      .where(eq(writeBackAttempts.callId, callRecordId))
      .orderBy(desc(writeBackAttempts.id)),
  ]);
  return rows.map((row) => toWriteBackView(row, attempts));
}
