"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withMessage } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import { discardImportJob, startImportJob } from "@/lib/import-jobs/jobs";
import { wakeImportWorker } from "@/lib/import-jobs/process";
import { recordIdSchema } from "@/lib/validation/ids";

/** Start (all-or-nothing or good rows only) or discard an uploaded file; supervisors only. */
export const importChoiceAction = authAction(
  {
    name: "import.choose",
    role: "supervisor",
    call: "state",
    schema: z.object({
      id: withMessage(recordIdSchema, "Which import, and how?"),
      mode: withMessage(z.enum(["all", "good", "discard"]), "Which import, and how?"),
    }),
  },
  async ({ db, input }) => {
    if (input.mode === "discard") {
      const done = await discardImportJob(db, input.id);
      revalidatePath(`/supervisor/import/${input.id}`);
      return done
        ? { ok: true, message: "Discarded." }
        : { ok: false, code: "refused", message: "This import cannot be discarded now." };
    }
    const result = await startImportJob(db, input.id, input.mode === "good");
    if (!result.ok) return { ok: false, code: "refused", message: result.message };
    await wakeImportWorker();
    revalidatePath(`/supervisor/import/${input.id}`);
    return { ok: true, message: "Importing in the background: you may leave this page and come back." };
  },
);
