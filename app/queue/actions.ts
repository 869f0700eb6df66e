"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { idList, withMessage } from "@/lib/actions/form-fields";
import { type ActionResult, resultText } from "@/lib/actions/result";
import { authAction } from "@/lib/actions/safe-action";
import type { Db } from "@/lib/db";
import { wakeSender } from "@/lib/delivery/process";
import { log } from "@/lib/log";
import { cancelWriteBacks, queueIds, queueStates, retryWriteBacks } from "@/lib/review/queue";
import { safeText } from "@/lib/validation/text";

/**
 * The queue's actions: retry (back to queued, due now, sender woken) and cancel (with a
 * required reason). Plain forms answered by a redirect back to the queue with a notice;
 * authAction checks the session and the supervisor role as the page does (signed out: to
 * sign in; another role: not found). The notice is worded here, in the user's language
 * (queue.actions), and the page shows it as it comes.
 */

const actionText = () => getTranslations("queue.actions");

const stateSchema = z.enum(queueStates).optional().catch(undefined);

const chosenShape = async () => ({
  scope: z.string().optional(),
  state: z.preprocess((v) => v || undefined, stateSchema),
  id: idList((await actionText())("rowsInvalid")),
});

async function chosen(
  db: Db,
  input: { scope?: string | undefined; state?: string | undefined; id: number[] },
) {
  if (input.scope !== "all") return input.id;
  const state = stateSchema.parse(input.state);
  return queueIds(db, state);
}

function back(result: ActionResult<object, object>, fields: Record<string, unknown>): string {
  const sp = new URLSearchParams();
  const state = stateSchema.parse(fields.state || undefined);
  if (state) sp.set("state", state);
  sp.set("notice", resultText(result));
  // A refusal is shown as an error (red, announced at once), never as a success.
  if (!result.ok) sp.set("tone", "error");
  return `/queue?${sp.toString()}`;
}

export const retryAction = authAction(
  {
    name: "queue.retry",
    role: "supervisor",
    call: "form",
    schema: async () => z.object(await chosenShape()),
    redirectTo: back,
  },
  async ({ user, db, input }) => {
    const n = await retryWriteBacks(db, await chosen(db, input));
    wakeSender();
    log().info({ event: "queue_retry", by: user.username, n }, "write-backs retried");
    return { ok: true, message: (await actionText())("retried", { count: n }) };
  },
);

export const cancelAction = authAction(
  {
    name: "queue.cancel",
    role: "supervisor",
    call: "form",
    schema: async () =>
      z.object({
        // The reason first: its message is the notice when both are wrong, as before.
        reason: withMessage(
          safeText(undefined, { multiline: true }).trim().min(1).max(500),
          (await actionText())("needsReason"),
        ),
        ...(await chosenShape()),
      }),
    redirectTo: back,
  },
  async ({ user, db, input }) => {
    const n = await cancelWriteBacks(db, await chosen(db, input), user.id, input.reason);
    log().info({ event: "queue_cancel", by: user.username, n }, "write-backs cancelled");
    return { ok: true, message: (await actionText())("cancelled", { count: n }) };
  },
);
