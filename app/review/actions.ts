"use server";

import { getTranslations } from "next-intl/server";
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
import { requestTextMessages, requestTranslator } from "@/lib/i18n/server";
import { log } from "@/lib/log";
import { discardBulk, makeSkipTexts, planBulk, sendBulk } from "@/lib/review/bulk";
import { parseReviewFilter } from "@/lib/review/filter";
import { reviewCallIds, reviewWhere } from "@/lib/review/queries";
import { settings } from "@/lib/settings";
import { recordIdSchema } from "@/lib/validation/ids";
import { safeText } from "@/lib/validation/text";

/**
 * The review page's actions: plain HTML forms answered by post/redirect/get, so they work
 * without JavaScript. authAction checks the session and the supervisor role (admins pass)
 * as the pages do (signed out: to sign in; another role: not found) and parses the form;
 * bad input comes back to the page as a notice, with nothing changed. Every notice is in
 * the user's language (review.actions; the dry run's reasons: review.skip).
 */

const actionText = () => getTranslations("review.actions");

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The calls the form is about: the ticked rows, or everything its filter shows. */
const chosenShape = async () => ({
  filter: z.string().max(4000).default(""),
  scope: z.string().optional(),
  id: idList((await actionText())("rowsInvalid")),
});

async function chosenCallIds(db: Db, input: { filter: string; scope?: string | undefined; id: number[] }) {
  if (input.scope !== "filter") return input.id;
  const parsed = parseReviewFilter(new URLSearchParams(input.filter));
  if (!parsed.ok)
    throw new ActionError("invalid", (await actionText())("badFilter", { parameter: parsed.parameter }));
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
    schema: async () =>
      z.object({
        ...(await chosenShape()),
        assignTo: withMessage(safeText().trim().min(1).max(64), (await actionText())("chooseAgent")),
      }),
    redirectTo: back,
  },
  async ({ user, db, input }) => {
    const t = await actionText();
    const target =
      input.assignTo === "pool"
        ? { kind: "pool" as const }
        : { kind: "agent" as const, username: input.assignTo };
    let which: Parameters<typeof assignCalls>[1];
    if (input.scope === "filter") {
      const parsed = parseReviewFilter(new URLSearchParams(input.filter));
      if (!parsed.ok)
        return { ok: false, code: "invalid", message: t("badFilter", { parameter: parsed.parameter }) };
      which = { where: reviewWhere(parsed.filter) };
    } else {
      which = { ids: input.id };
    }
    const result = await assignCalls(db, which, target);
    if (!result.ok)
      return { ok: false, code: "refused", message: t("noAgent", { username: result.username }) };
    log().info(
      { event: "calls_assigned", by: user.username, to: input.assignTo, changed: result.changed },
      "calls assigned",
    );
    return {
      ok: true,
      message:
        input.assignTo === "pool"
          ? t("toPool", { count: result.changed })
          : t("assigned", { count: result.changed, agent: input.assignTo }),
    };
  },
);

/** The dry run of a bulk job of this kind over the chosen calls: to its page. */
const planBulkOf =
  (kind: BulkJobKind) =>
  async ({ user, db, input }: { user: SessionUser; db: Db; input: ChosenInput }) => {
    const ids = await chosenCallIds(db, input);
    const t = await actionText();
    const job = await planBulk(db, {
      callIds: ids,
      selection:
        input.scope === "filter"
          ? input.filter
            ? t("selectionFilter", { filter: input.filter })
            : t("selectionAll")
          : t("selectionCount", { count: ids.length }),
      skipTexts: makeSkipTexts(await requestTranslator("review.skip"), await requestTextMessages()),
      userId: user.id,
      timeZone: settings().ISALES_TIME_ZONE,
      catalogue: catalogue(),
      kind,
    });
    return { ok: true as const, bulkId: job.id };
  };
const chosenSchema = async () => z.object(await chosenShape());
type ChosenInput = { filter: string; scope?: string | undefined; id: number[] };
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
const toBulk = async (result: ActionResult<object, object>, fields: Record<string, unknown>) => {
  const bulkId = text(fields.bulkId);
  if (!/^\d{1,15}$/.test(bulkId))
    return `/review?notice=${encodeURIComponent((await actionText())("whichResend"))}&tone=error`;
  if (result.ok) return `/review/bulk/${bulkId}`;
  return `/review/bulk/${bulkId}?error=${result.code === "invalid" ? "reason" : "sent"}`;
};

export const sendBulkAction = authAction(
  {
    name: "review.sendBulk",
    role: "supervisor",
    call: "form",
    schema: async () =>
      z.object({
        bulkId: recordIdSchema,
        reason: safeText(undefined, { multiline: true, messages: await requestTextMessages() })
          .trim()
          .min(1, (await actionText())("reasonRequired"))
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
    if (!result.ok) return { ok: false, code: "refused", message: (await actionText())("resendGone") };
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
    redirectTo: async (result) => {
      const t = await actionText();
      return `/review?notice=${encodeURIComponent(result.ok ? t("resendDiscarded") : t("whichResend"))}`;
    },
  },
  async ({ db, input }) => {
    await discardBulk(db, input.bulkId);
    return { ok: true };
  },
);
