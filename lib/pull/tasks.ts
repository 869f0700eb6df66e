import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { type PullReject, type PullTask, pullRejects, pullTasks } from "@/lib/db/schema";
import { type Translate, translatorFrom } from "@/lib/i18n/translate";
import type { ValidationMessages } from "@/lib/validation/messages";
import { safeText } from "@/lib/validation/text";
import enTasks from "@/messages/en/tasks.json";
import { stockCondition } from "./pull";

/**
 * What a supervisor sets for a chosen task, its messages from a translator of
 * "tasks.schema": the tasks page's action passes the user's language, the rest English.
 */
export function makeTaskChoiceSchema(t: Translate, text?: ValidationMessages) {
  const whole = t("wholeNumber");
  return z.object({
    serviceId: safeText(undefined, { messages: text }).trim().min(1, t("chooseTask")).max(128),
    lowWater: z.coerce
      .number({ error: whole })
      .int(whole)
      .min(0, t("atLeast", { min: 0 }))
      .max(100_000, t("atMost", { max: 100_000 })),
    batchCount: z.coerce
      .number({ error: whole })
      .int(whole)
      .min(1, t("atLeast", { min: 1 }))
      .max(1000, t("atMost", { max: 1000 })),
  });
}

/** The schema in English (the tests, anything outside a request). */
export const taskChoiceSchema = makeTaskChoiceSchema(translatorFrom("en", enTasks, "tasks.schema"));
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
