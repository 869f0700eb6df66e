"use server";

import { z } from "zod";
import { ActionError } from "@/lib/actions/errors";
import { idList, withMessage } from "@/lib/actions/form-fields";
import { type ActionResult, resultText } from "@/lib/actions/result";
import { authAction } from "@/lib/actions/safe-action";
import { assignCalls } from "@/lib/assignment/assignment";
import type { SessionUser } from "@/lib/auth/guards";
import { catalogue } from "@/lib/catalogue";
import type { Db } from "@/lib/db";
import type { BulkJobKind } from "@/lib/db/enums";
import { wakeSender } from "@/lib/delivery/process";
import { log } from "@/lib/log";
import { discardBulk, planBulk, sendBulk } from "@/lib/review/bulk";
import { parseReviewFilter } from "@/lib/review/filter";
import { reviewCallIds, reviewWhere } from "@/lib/review/queries";
import { settings } from "@/lib/settings";
import { recordIdSchema } from "@/lib/validation/ids";
import { safeText } from "@/lib/validation/text";

/**
 * The review page's actions: plain HTML forms answered by post/redirect/get, so they work
 * without JavaScript. authAction checks the session and the supervisor role (admins pass)
 * as the pages do (signed out: to sign in; another role: not found) and parses the form;
 * bad input comes back to the page as a notice, with nothing changed.
 */

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The calls the form is about: the ticked rows, or everything its filter shows. */
const chosenShape = {
  filter: z.string().max(4000).default(""),
  scope: z.string().optional(),
  id: idList("The chosen rows are not valid."),
};

async function chosenCallIds(db: Db, input: { filter: string; scope?: string | undefined; id: number[] }) {
  if (input.scope !== "filter") return input.id;
  const parsed = parseReviewFilter(new URLSearchParams(input.filter));
  if (!parsed.ok) throw new ActionError("invalid", `${parsed.parameter}: ${parsed.message}`);
  return reviewCallIds(db, parsed.filter);
}

/** Back to the review with the form's filter and the result as the notice. */
const back = (result: ActionResult<object, object>, fields: Record<string, unknown>) => {
  const sp = new URLSearchParams(text(fields.filter));
  sp.set("notice", resultText(result));
  // A refusal is shown as an error (red, announced at once), never as a success.
  if (!result.ok) sp.set("tone", "error");
  return `/review?${sp.toString()}`;
};

export const assignAction = authAction(
  {
    name: "review.assign",
    role: "supervisor",
    call: "form",
    schema: z.object({
      ...chosenShape,
      assignTo: withMessage(
        safeText().trim().min(1).max(64),
        "Choose an agent, or the pool: nothing was assigned",
      ),
    }),
    redirectTo: back,
  },
  async ({ user, db, input }) => {
    const target =
      input.assignTo === "pool"
        ? { kind: "pool" as const }
        : { kind: "agent" as const, username: input.assignTo };
    let which: Parameters<typeof assignCalls>[1];
    if (input.scope === "filter") {
      const parsed = parseReviewFilter(new URLSearchParams(input.filter));
      if (!parsed.ok) return { ok: false, code: "invalid", message: parsed.message };
      which = { where: reviewWhere(parsed.filter) };
    } else {
      which = { ids: input.id };
    }
    const result = await assignCalls(db, which, target);
    if (!result.ok) return { ok: false, code: "refused", message: result.message };
    log().info(
      { event: "calls_assigned", by: user.username, to: input.assignTo, changed: result.changed },
      "calls assigned",
    );
    return {
      ok: true,
      message:
        input.assignTo === "pool"
          ? `${result.changed} returned to the pool`
          : `${result.changed} assigned to ${input.assignTo}`,
    };
  },
);

/** The dry run of a bulk job of this kind over the chosen calls: to its page. */
const planBulkOf =
  (kind: BulkJobKind) =>
  async ({ user, db, input }: { user: SessionUser; db: Db; input: z.output<typeof chosenSchema> }) => {
    const ids = await chosenCallIds(db, input);
    const job = await planBulk(db, {
      callIds: ids,
      selection:
        input.scope === "filter" ? `filter: ${input.filter || "(all calls)"}` : `${ids.length} selected`,
      userId: user.id,
      timeZone: settings().ISALES_TIME_ZONE,
      catalogue: catalogue(),
      kind,
    });
    return { ok: true as const, bulkId: job.id };
  };
const chosenSchema = z.object(chosenShape);
const toPlanned = (result: ActionResult<object, object>, fields: Record<string, unknown>) =>
  result.ok && "bulkId" in result ? `/review/bulk/${String(result.bulkId)}` : back(result, fields);

/** Re-send failed and refused calls (midresult), after a dry run. */
export const planBulkAction = authAction(
  { name: "review.planBulk", role: "supervisor", call: "form", schema: chosenSchema, redirectTo: toPlanned },
  planBulkOf("resend"),
);

/** Mark calls final (call/result), after a dry run. */
export const planFinaliseAction = authAction(
  {
    name: "review.planFinalise",
    role: "supervisor",
    call: "form",
    schema: chosenSchema,
    redirectTo: toPlanned,
  },
  planBulkOf("finalise"),
);

/** Where a re-send's form goes back to: its page (with what went wrong), or the review. */
const toBulk = (result: ActionResult<object, object>, fields: Record<string, unknown>) => {
  const bulkId = text(fields.bulkId);
  if (!/^\d{1,15}$/.test(bulkId)) return `/review?notice=${encodeURIComponent("Which re-send?")}&tone=error`;
  if (result.ok) return `/review/bulk/${bulkId}`;
  return `/review/bulk/${bulkId}?error=${result.code === "invalid" ? "reason" : "sent"}`;
};

export const sendBulkAction = authAction(
  {
    name: "review.sendBulk",
    role: "supervisor",
    call: "form",
    schema: z.object({
      bulkId: recordIdSchema,
      reason: safeText(undefined, { multiline: true })
        .trim()
        .min(1, "Give a reason for the re-send.")
        .max(500),
    }),
    redirectTo: toBulk,
  },
  async ({ user, db, input }) => {
    const result = await sendBulk(db, {
      bulkId: input.bulkId,
      userId: user.id,
      reason: input.reason,
      timeZone: settings().ISALES_TIME_ZONE,
      catalogue: catalogue(),
    });
    if (!result.ok)
      return { ok: false, code: "refused", message: "This re-send was sent or discarded already." };
    // Queued, not sent here: the sender delivers at its own pace, with its breaker and backoff.
    wakeSender();
    log().info(
      { event: "bulk_resend", by: user.username, bulkId: input.bulkId, queued: result.queued },
      "bulk re-send queued",
    );
    return { ok: true };
  },
);

export const discardBulkAction = authAction(
  {
    name: "review.discardBulk",
    role: "supervisor",
    call: "form",
    schema: z.object({ bulkId: recordIdSchema }),
    redirectTo: (result) =>
      `/review?notice=${encodeURIComponent(result.ok ? "Re-send discarded" : "Which re-send?")}`,
  },
  async ({ db, input }) => {
    await discardBulk(db, input.bulkId);
    return { ok: true };
  },
);
