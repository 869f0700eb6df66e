"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
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
    schema: async () => {
      const which = (await getTranslations("import.actions"))("which");
      return z.object({
        id: withMessage(recordIdSchema, which),
        mode: withMessage(z.enum(["all", "good", "discard"]), which),
      });
    },
  },
  async ({ db, input }) => {
    const t = await getTranslations("import.actions");
    if (input.mode === "discard") {
      const done = await discardImportJob(db, input.id);
      revalidatePath(`/supervisor/import/${input.id}`);
      return done
        ? { ok: true, message: t("discarded") }
        : { ok: false, code: "refused", message: t("cannotDiscard") };
    }
    const result = await startImportJob(db, input.id, input.mode === "good");
    if (!result.ok) {
      const message =
        result.reason === "bad_rows"
          ? t("refused.bad_rows", { count: result.badRows })
          : t(`refused.${result.reason}`);
      return { ok: false, code: "refused", message };
    }
    await wakeImportWorker();
    revalidatePath(`/supervisor/import/${input.id}`);
    return { ok: true, message: t("importing") };
  },
);
