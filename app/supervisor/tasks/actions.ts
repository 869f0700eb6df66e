"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { withMessage } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import { requestTextMessages, requestTranslator } from "@/lib/i18n/server";
import { log } from "@/lib/log";
import { pullOptionsFromSettings, pullTarget, wakePuller } from "@/lib/pull/process";
import { fetchNow } from "@/lib/pull/pull";
import { chooseTask, dropTask, makeTaskChoiceSchema } from "@/lib/pull/tasks";
import { safeText } from "@/lib/validation/text";

/**
 * The tasks page's actions, for supervisors (admins pass): authAction checks the role and
 * parses the form again, whatever the page showed. Every answer is in the user's language
 * (tasks.actions, tasks.schema).
 */

const notSet = async () =>
  ({
    ok: false,
    code: "unavailable",
    message: (await getTranslations("tasks.actions"))("notSet"),
  }) as const;

const serviceIdSchema = async () =>
  z.object({
    serviceId: withMessage(
      safeText().trim().min(1).max(128),
      (await getTranslations("tasks.actions"))("whichTask"),
    ),
  });

export const chooseTaskAction = authAction(
  {
    name: "tasks.choose",
    role: "supervisor",
    call: "state",
    schema: async () =>
      makeTaskChoiceSchema(await requestTranslator("tasks.schema"), await requestTextMessages()),
  },
  async ({ user, db, input }) => {
    const target = pullTarget();
    if (target === null) return notSet();
    await chooseTask(db, target, input, user.id);
    log().info({ event: "pull_task", by: user.username, ...input }, "task chosen");
    wakePuller();
    revalidatePath("/supervisor/tasks");
    const t = await getTranslations("tasks.actions");
    return {
      ok: true,
      message: t("chosen", { task: input.serviceId, lowWater: input.lowWater, batch: input.batchCount }),
    };
  },
);

export const dropTaskAction = authAction(
  { name: "tasks.drop", role: "supervisor", call: "state", schema: serviceIdSchema },
  async ({ user, db, input }) => {
    const target = pullTarget();
    if (target === null) return notSet();
    await dropTask(db, target.vdnId, input.serviceId);
    log().info({ event: "pull_task_dropped", by: user.username, serviceId: input.serviceId }, "task dropped");
    revalidatePath("/supervisor/tasks");
    const t = await getTranslations("tasks.actions");
    return { ok: true, message: t("dropped", { task: input.serviceId }) };
  },
);

export const fetchNowAction = authAction(
  { name: "tasks.fetchNow", role: "supervisor", call: "state", schema: serviceIdSchema },
  async ({ db, input }) => {
    const options = pullOptionsFromSettings();
    if (options === null) return notSet();
    const result = await fetchNow(db, input.serviceId, options);
    revalidatePath("/supervisor/tasks");
    const t = await getTranslations("tasks.actions");
    if (!result.ok) {
      return {
        ok: false,
        code: "refused",
        message: result.reason === "not_chosen" ? t("notChosen", { task: input.serviceId }) : t("busy"),
      };
    }
    const r = result.report;
    if (r.result === "failed")
      return { ok: false, code: "unavailable", message: t("fetchFailed", { error: r.error ?? "" }) };
    if (r.result === "empty") return { ok: true, message: t("empty") };
    return {
      ok: true,
      message:
        r.rejected > 0
          ? t("fetchedRejected", { stored: r.stored, inserted: r.inserted, rejected: r.rejected })
          : t("fetched", { stored: r.stored, inserted: r.inserted }),
    };
  },
);
