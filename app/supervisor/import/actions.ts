"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { checkAuth } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { discardImportJob, startImportJob } from "@/lib/import-jobs/jobs";
import { wakeImportWorker } from "@/lib/import-jobs/process";
import { recordIdSchema } from "@/lib/validation/ids";

export type ImportActionState = { ok: boolean; message: string } | null;

const input = z.object({ id: recordIdSchema, mode: z.enum(["all", "good", "discard"]) });

/** Start (all-or-nothing or good rows only) or discard an uploaded file; supervisors only. */
export async function importChoiceAction(
  _prev: ImportActionState,
  form: FormData,
): Promise<ImportActionState> {
  const auth = await checkAuth("supervisor");
  if (!auth.ok) return { ok: false, message: auth.message };
  const parsed = input.safeParse({ id: form.get("id"), mode: form.get("mode") });
  if (!parsed.success) return { ok: false, message: "Which import, and how?" };
  const db = await getDb();
  if (parsed.data.mode === "discard") {
    const done = await discardImportJob(db, parsed.data.id);
    revalidatePath(`/supervisor/import/${parsed.data.id}`);
    return done
      ? { ok: true, message: "Discarded." }
      : { ok: false, message: "This import cannot be discarded now." };
  }
  const result = await startImportJob(db, parsed.data.id, parsed.data.mode === "good");
  if (!result.ok) return result;
  await wakeImportWorker();
  revalidatePath(`/supervisor/import/${parsed.data.id}`);
  return { ok: true, message: "Importing in the background: you may leave this page and come back." };
}
