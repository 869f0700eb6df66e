import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { callVersions, type DeliveryState, users, writeBackAttempts, writeBacks } from "@/lib/db/schema";
import { describeOutcome, outcomeFromRecord } from "@/lib/isales/outcome-messages";
import { changesFromStored, type FieldChange } from "./diff";

/** One version of a call's outcome for the call page: who, when, why, what changed, and iSales's answer. */
export type VersionView = {
  version: number;
  changedBy: string | null;
  createdAt: string;
  /** null for an agent's ordinary send (stored as "write-back"). */
  reason: string | null;
  changes: FieldChange[];
  writeBack: { state: DeliveryState; answer: string | null } | null;
};

/** A call's versions, newest first, with the latest answer to each version's write-back. */
export async function loadVersionHistory(db: Db, callId: number): Promise<VersionView[]> {
  const [rows, attempts] = await Promise.all([
    db
      .select({
        version: callVersions.version,
        createdAt: callVersions.createdAt,
        reason: callVersions.reason,
        diff: callVersions.diff,
        username: users.username,
        writeBackId: callVersions.writeBackId,
        state: writeBacks.state,
      })
      .from(callVersions)
      .leftJoin(users, eq(users.id, callVersions.changedBy))
      .leftJoin(writeBacks, eq(writeBacks.id, callVersions.writeBackId))
      .where(eq(callVersions.callId, callId))
      .orderBy(desc(callVersions.version)),
    db
      .select()
      .from(writeBackAttempts)
      .where(eq(writeBackAttempts.callId, callId))
      .orderBy(desc(writeBackAttempts.id)),
  ]);
  return rows.map((r) => {
    const latest = attempts.find((a) => a.writeBackId === r.writeBackId);
    const outcome = latest ? outcomeFromRecord(latest) : null;
    return {
      version: r.version,
      changedBy: r.username,
      createdAt: r.createdAt.toISOString(),
      reason: r.reason === "write-back" ? null : r.reason,
      changes: changesFromStored(r.diff),
      writeBack: r.state ? { state: r.state, answer: outcome ? describeOutcome(outcome).title : null } : null,
    };
  });
}
