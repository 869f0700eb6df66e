"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withMessage } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import { log } from "@/lib/log";
import { pullOptionsFromSettings, pullTarget, wakePuller } from "@/lib/pull/process";
import { fetchNow } from "@/lib/pull/pull";
import { chooseTask, dropTask, taskChoiceSchema } from "@/lib/pull/tasks";
import { safeText } from "@/lib/validation/text";

/**
 * The tasks page's actions, for supervisors (admins pass): authAction checks the role and
 * parses the form again, whatever the page showed.
 */

const notSet = {
  ok: false,
  code: "unavailable",
  message: "The call centre is not set: set ISALES_SUB_CC_NO and ISALES_VDN_ID, then restart.",
} as const;

const serviceId = z.object({ serviceId: withMessage(safeText().trim().min(1).max(128), "Which task?") });

export const chooseTaskAction = authAction(
  { name: "tasks.choose", role: "supervisor", call: "state", schema: taskChoiceSchema },
  async ({ user, db, input }) => {
    const target = pullTarget();
    if (target === null) return notSet;
    await chooseTask(db, target, input, user.id);
    log().info({ event: "pull_task", by: user.username, ...input }, "task chosen");
    wakePuller();
    revalidatePath("/supervisor/tasks");
    return {
      ok: true,
      message: `Task ${input.serviceId}: low-water ${input.lowWater}, batch ${input.batchCount}.`,
    };
  },
);

export const dropTaskAction = authAction(
  { name: "tasks.drop", role: "supervisor", call: "state", schema: serviceId },
  async ({ user, db, input }) => {
    const target = pullTarget();
    if (target === null) return notSet;
    await dropTask(db, target.vdnId, input.serviceId);
    log().info({ event: "pull_task_dropped", by: user.username, serviceId: input.serviceId }, "task dropped");
    revalidatePath("/supervisor/tasks");
    return { ok: true, message: `Task ${input.serviceId} is no longer pulled; its calls stay.` };
  },
);

export const fetchNowAction = authAction(
  { name: "tasks.fetchNow", role: "supervisor", call: "state", schema: serviceId },
  async ({ db, input }) => {
    const options = pullOptionsFromSettings();
    if (options === null) return notSet;
    const result = await fetchNow(db, input.serviceId, options);
    revalidatePath("/supervisor/tasks");
    if (!result.ok) {
      return {
        ok: false,
        code: "refused",
        message:
          result.reason === "not_chosen"
            ? `Task ${input.serviceId} is not chosen: choose it first.`
            : "A fetch for this task is running or has just run; try again in a moment.",
      };
    }
    const r = result.report;
    if (r.result === "failed")
      return { ok: false, code: "unavailable", message: `Fetch failed: ${r.error}. It will be retried.` };
    if (r.result === "empty")
      return { ok: true, message: "iSales handed out no calls: the task is worked out for now." };
    return {
      ok: true,
      message: `Fetched ${r.stored} call(s), ${r.inserted} new${r.rejected > 0 ? `, ${r.rejected} unreadable kept aside` : ""}.`,
    };
  },
);
