import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { type PullReject, type PullTask, pullRejects, pullTasks } from "@/lib/db/schema";
import { safeText } from "@/lib/validation/text";
import { stockCondition } from "./pull";

/** What a supervisor sets for a chosen task; the same schema checks the form and the action. */
export const taskChoiceSchema = z.object({
  serviceId: safeText().trim().min(1, "Choose a task").max(128),
  lowWater: z.coerce
    .number({ error: "Give a whole number" })
    .int("Give a whole number")
    .min(0, "At least 0")
    .max(100_000, "At most 100,000"),
  batchCount: z.coerce
    .number({ error: "Give a whole number" })
    .int("Give a whole number")
    .min(1, "At least 1")
    .max(1000, "At most 1,000"),
});
export type TaskChoice = z.infer<typeof taskChoiceSchema>;

export type PullTaskView = PullTask & { stock: number };

/** Choose a task (or change its marks): enabled again if it had been dropped. */
export async function chooseTask(
  db: Db,
  where: { subCCNo: number; vdnId: number },
  choice: TaskChoice,
  userId: number | null,
): Promise<PullTask> {
  const [row] = await db
    .insert(pullTasks)
    .values({
      subCcNo: where.subCCNo,
      vdnId: where.vdnId,
      serviceId: choice.serviceId,
      lowWater: choice.lowWater,
      batchCount: choice.batchCount,
      createdBy: userId,
    })
    .onConflictDoUpdate({
      target: [pullTasks.vdnId, pullTasks.serviceId],
      set: {
        enabled: true,
        lowWater: choice.lowWater,
        batchCount: choice.batchCount,
        subCcNo: where.subCCNo,
      },
    })
    .returning();
  if (!row) throw new Error("choosing a task returned no row");
  return row;
}

/** Stop working a task: its calls stay, the puller leaves it alone. */
export async function dropTask(db: Db, vdnId: number, serviceId: string): Promise<void> {
  await db
    .update(pullTasks)
    .set({ enabled: false })
    .where(and(eq(pullTasks.vdnId, vdnId), eq(pullTasks.serviceId, serviceId)));
}

/** The chosen tasks of this VCC with their stock, by task id. */
export async function listPullTasks(db: Db, vdnId: number): Promise<PullTaskView[]> {
  const rows = await db
    .select({
      task: pullTasks,
      stock: sql<number>`(SELECT count(*)::int FROM calls c WHERE c.vdn_id = ${pullTasks.vdnId}
        AND c.service_id = ${pullTasks.serviceId} AND ${stockCondition})`,
    })
    .from(pullTasks)
    .where(and(eq(pullTasks.vdnId, vdnId), eq(pullTasks.enabled, true)))
    .orderBy(pullTasks.serviceId);
  return rows.map((r) => ({ ...r.task, stock: Number(r.stock) }));
}

/** The newest records that could not be read. */
export async function listPullRejects(db: Db, limit = 100): Promise<PullReject[]> {
  return db
    .select()
    .from(pullRejects)
    .orderBy(desc(pullRejects.fetchedAt), desc(pullRejects.id))
    .limit(limit);
}
