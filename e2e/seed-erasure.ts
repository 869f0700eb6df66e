/**
 * For e2e/erasures.spec.ts: one call whose final write-back was accepted ten days ago, then
 * the product's own purge with a retention of three days, in the database the settings name.
 */
import { randomUUID } from "node:crypto";
import { closeDb, getDb } from "@/lib/db";
import { calls, writeBacks } from "@/lib/db/schema";
import { purgePersonalData } from "@/lib/retention/purge";

async function main(): Promise<void> {
  const db = await getDb();
  try {
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const [call] = await db
      .insert(calls)
      .values({
        subCcNo: 1,
        vdnId: 88,
        serviceId: "TASK-OLD",
        uniqueId: "E2E-ERASE-001",
        phoneNumbers: ["13800009999"],
        callData: "name=Old customer",
        fetchTime: tenDaysAgo,
        version: 1,
        status: "5",
        failCode: "00145",
        deviceType: 5,
        phoneNumber: "13800009999",
        writeBackState: "accepted",
        lastWriteBackAt: tenDaysAgo,
      })
      .returning();
    if (!call) throw new Error("no call inserted");
    await db.insert(writeBacks).values({
      callId: call.id,
      submissionId: randomUUID(),
      requestBody: '{"phoneNumber":"13800009999"}',
      callVersion: 1,
      state: "accepted",
      createdAt: tenDaysAgo,
      finishedAt: tenDaysAgo,
    });
    const report = await purgePersonalData(db, { retentionDays: 3 });
    if (report.counts.calls !== 1)
      throw new Error(`expected one call erased: ${JSON.stringify(report.counts)}`);
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
