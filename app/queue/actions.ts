"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { wakeSender } from "@/lib/delivery/process";
import { log } from "@/lib/log";
import { cancelWriteBacks, queueIds, queueStates, retryWriteBacks } from "@/lib/review/queue";
import { recordIdSchema } from "@/lib/validation/ids";
import { safeText } from "@/lib/validation/text";

/**
 * The queue's actions: retry (back to queued, due now, sender woken) and cancel (with a
 * required reason). Each checks the session and the supervisor role itself, as the page
 * does (signed out: to sign in; another role: not found), and answers with a redirect back.
 */

const stateSchema = z.enum(queueStates).optional();

async function chosen(form: FormData): Promise<number[] | null> {
  if (form.get("scope") === "all") {
    const state = stateSchema.safeParse(form.get("state") || undefined);
    return queueIds(await getDb(), state.success ? state.data : undefined);
  }
  const ids = z.array(recordIdSchema).max(100_000).safeParse(form.getAll("id"));
  return ids.success ? ids.data : null;
}

function back(form: FormData, notice: string): string {
  const sp = new URLSearchParams();
  const state = stateSchema.safeParse(form.get("state") || undefined);
  if (state.success && state.data) sp.set("state", state.data);
  sp.set("notice", notice);
  return `/queue?${sp.toString()}`;
}

export async function retryAction(form: FormData): Promise<void> {
  const user = await requireRole("supervisor");
  const ids = await chosen(form);
  if (!ids) redirect(back(form, "The chosen rows are not valid."));
  const n = await retryWriteBacks(await getDb(), ids);
  wakeSender();
  log().info({ event: "queue_retry", by: user.username, n }, "write-backs retried");
  redirect(back(form, `${n} queued to be sent again`));
}

export async function cancelAction(form: FormData): Promise<void> {
  const user = await requireRole("supervisor");
  const reason = safeText(undefined, { multiline: true })
    .trim()
    .min(1)
    .max(500)
    .safeParse(form.get("reason"));
  if (!reason.success) redirect(back(form, "Cancel needs a reason: nothing was cancelled"));
  const ids = await chosen(form);
  if (!ids) redirect(back(form, "The chosen rows are not valid."));
  const n = await cancelWriteBacks(await getDb(), ids, user.id, reason.data);
  log().info({ event: "queue_cancel", by: user.username, n }, "write-backs cancelled");
  redirect(back(form, `${n} cancelled`));
}
