"use server";

import { revalidatePath } from "next/cache";
import { checkAuth } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { pullOptionsFromSettings, pullTarget, wakePuller } from "@/lib/pull/process";
import { fetchNow } from "@/lib/pull/pull";
import { chooseTask, dropTask, taskChoiceSchema } from "@/lib/pull/tasks";
import { safeText } from "@/lib/validation/text";

/**
 * The tasks page's actions. Each is a public endpoint: it checks the supervisor role (admins
 * pass) itself and validates its input again, whatever the page showed.
 */

export type TaskActionState = { ok: boolean; message: string } | null;

const notSet: TaskActionState = {
  ok: false,
  message: "The call centre is not set: set ISALES_SUB_CC_NO and ISALES_VDN_ID, then restart.",
};

const serviceIdSchema = safeText().trim().min(1).max(128);

export async function chooseTaskAction(_prev: TaskActionState, form: FormData): Promise<TaskActionState> {
  const auth = await checkAuth("supervisor");
  if (!auth.ok) return { ok: false, message: auth.message };
  const target = pullTarget();
  if (target === null) return notSet;
  const parsed = taskChoiceSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${String(issue?.path[0] ?? "form")}: ${issue?.message ?? "invalid"}` };
  }
  await chooseTask(await getDb(), target, parsed.data, auth.user.id);
  log().info({ event: "pull_task", by: auth.user.username, ...parsed.data }, "task chosen");
  wakePuller();
  revalidatePath("/supervisor/tasks");
  return {
    ok: true,
    message: `Task ${parsed.data.serviceId}: low-water ${parsed.data.lowWater}, batch ${parsed.data.batchCount}.`,
  };
}

export async function dropTaskAction(_prev: TaskActionState, form: FormData): Promise<TaskActionState> {
  const auth = await checkAuth("supervisor");
  if (!auth.ok) return { ok: false, message: auth.message };
  const target = pullTarget();
  if (target === null) return notSet;
  const serviceId = serviceIdSchema.safeParse(form.get("serviceId"));
  if (!serviceId.success) return { ok: false, message: "Which task?" };
  await dropTask(await getDb(), target.vdnId, serviceId.data);
  log().info(
    { event: "pull_task_dropped", by: auth.user.username, serviceId: serviceId.data },
    "task dropped",
  );
  revalidatePath("/supervisor/tasks");
  return { ok: true, message: `Task ${serviceId.data} is no longer pulled; its calls stay.` };
}

export async function fetchNowAction(_prev: TaskActionState, form: FormData): Promise<TaskActionState> {
  const auth = await checkAuth("supervisor");
  if (!auth.ok) return { ok: false, message: auth.message };
  const options = pullOptionsFromSettings();
  if (options === null) return notSet;
  const serviceId = serviceIdSchema.safeParse(form.get("serviceId"));
  if (!serviceId.success) return { ok: false, message: "Which task?" };
  const result = await fetchNow(await getDb(), serviceId.data, options);
  revalidatePath("/supervisor/tasks");
  if (!result.ok) {
    return {
      ok: false,
      message:
        result.reason === "not_chosen"
          ? `Task ${serviceId.data} is not chosen: choose it first.`
          : "A fetch for this task is running or has just run; try again in a moment.",
    };
  }
  const r = result.report;
  if (r.result === "failed") return { ok: false, message: `Fetch failed: ${r.error}. It will be retried.` };
  if (r.result === "empty")
    return { ok: true, message: "iSales handed out no calls: the task is worked out for now." };
  return {
    ok: true,
    message: `Fetched ${r.stored} call(s), ${r.inserted} new${r.rejected > 0 ? `, ${r.rejected} unreadable kept aside` : ""}.`,
  };
}
