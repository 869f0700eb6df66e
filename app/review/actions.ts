"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { assignCalls } from "@/lib/assignment/assignment";
import { requireRole } from "@/lib/auth/guards";
import { catalogue } from "@/lib/catalogue";
import { getDb } from "@/lib/db";
import { wakeSender } from "@/lib/delivery/process";
import { log } from "@/lib/log";
import { discardBulk, planBulk, sendBulk } from "@/lib/review/bulk";
import { parseReviewFilter } from "@/lib/review/filter";
import { reviewCallIds, reviewWhere } from "@/lib/review/queries";
import { settings } from "@/lib/settings";
import { recordIdSchema } from "@/lib/validation/ids";
import { safeText } from "@/lib/validation/text";

/**
 * The review page's actions. Each is a public endpoint: it checks the session and the
 * supervisor role (admins pass) itself, validates its input again, and on success redirects
 * (post/redirect/get), so the plain HTML forms work without JavaScript. Like the pages, a
 * signed-out request is sent to sign in and any other role gets the not-found answer; bad
 * input comes back to the page as a notice, with nothing changed.
 */

const idsSchema = z.array(recordIdSchema).max(100_000);

/** The calls an action is about: the ticked rows, or everything the form's filter shows. */
async function chosenCalls(
  form: FormData,
): Promise<{ ok: true; ids: number[]; filterText: string } | { ok: false; message: string }> {
  const filterText = String(form.get("filter") ?? "");
  const parsed = parseReviewFilter(new URLSearchParams(filterText));
  if (!parsed.ok) return { ok: false, message: `${parsed.parameter}: ${parsed.message}` };
  if (form.get("scope") === "filter") {
    return { ok: true, ids: await reviewCallIds(await getDb(), parsed.filter), filterText };
  }
  const ids = idsSchema.safeParse(form.getAll("id"));
  if (!ids.success) return { ok: false, message: "The chosen rows are not valid." };
  return { ok: true, ids: ids.data, filterText };
}

const back = (filterText: string, notice: string) => {
  const sp = new URLSearchParams(filterText);
  sp.set("notice", notice);
  return `/review?${sp.toString()}`;
};

export async function assignAction(form: FormData): Promise<void> {
  const user = await requireRole("supervisor");
  const filterText = String(form.get("filter") ?? "");
  const to = safeText().trim().min(1).max(64).safeParse(form.get("assignTo"));
  if (!to.success) redirect(back(filterText, "Choose an agent, or the pool: nothing was assigned"));
  const db = await getDb();
  let changed: number;
  if (form.get("scope") === "filter") {
    const parsed = parseReviewFilter(new URLSearchParams(filterText));
    if (!parsed.ok) redirect(back(filterText, parsed.message));
    const result = await assignCalls(
      db,
      { where: reviewWhere(parsed.filter) },
      to.data === "pool" ? { kind: "pool" } : { kind: "agent", username: to.data },
    );
    if (!result.ok) redirect(back(filterText, result.message));
    changed = result.changed;
  } else {
    const ids = idsSchema.safeParse(form.getAll("id"));
    if (!ids.success) redirect(back(filterText, "The chosen rows are not valid."));
    const result = await assignCalls(
      db,
      { ids: ids.data },
      to.data === "pool" ? { kind: "pool" } : { kind: "agent", username: to.data },
    );
    if (!result.ok) redirect(back(filterText, result.message));
    changed = result.changed;
  }
  log().info({ event: "calls_assigned", by: user.username, to: to.data, changed }, "calls assigned");
  redirect(
    back(
      filterText,
      to.data === "pool" ? `${changed} returned to the pool` : `${changed} assigned to ${to.data}`,
    ),
  );
}

export async function planBulkAction(form: FormData): Promise<void> {
  const user = await requireRole("supervisor");
  const chosen = await chosenCalls(form);
  if (!chosen.ok) redirect(back(String(form.get("filter") ?? ""), chosen.message));
  const job = await planBulk(await getDb(), {
    callIds: chosen.ids,
    selection:
      form.get("scope") === "filter"
        ? `filter: ${chosen.filterText || "(all calls)"}`
        : `${chosen.ids.length} selected`,
    userId: user.id,
    timeZone: settings().ISALES_TIME_ZONE,
    catalogue: catalogue(),
  });
  redirect(`/review/bulk/${job.id}`);
}

const sendSchema = z.object({
  bulkId: recordIdSchema,
  reason: safeText(undefined, { multiline: true }).trim().min(1, "Give a reason for the re-send.").max(500),
});

export async function sendBulkAction(form: FormData): Promise<void> {
  const user = await requireRole("supervisor");
  const parsed = sendSchema.safeParse({ bulkId: form.get("bulkId"), reason: form.get("reason") });
  if (!parsed.success) {
    const bulkId = String(form.get("bulkId") ?? "");
    if (/^\d+$/.test(bulkId)) redirect(`/review/bulk/${bulkId}?error=reason`);
    redirect("/review?notice=Which%20re-send%3F");
  }
  const result = await sendBulk(await getDb(), {
    bulkId: parsed.data.bulkId,
    userId: user.id,
    reason: parsed.data.reason,
    timeZone: settings().ISALES_TIME_ZONE,
    catalogue: catalogue(),
  });
  if (!result.ok) redirect(`/review/bulk/${parsed.data.bulkId}?error=sent`);
  // Queued, not sent here: the sender delivers at its own pace, with its breaker and backoff.
  wakeSender();
  log().info(
    { event: "bulk_resend", by: user.username, bulkId: parsed.data.bulkId, queued: result.queued },
    "bulk re-send queued",
  );
  redirect(`/review/bulk/${parsed.data.bulkId}`);
}

export async function discardBulkAction(form: FormData): Promise<void> {
  await requireRole("supervisor");
  const bulkId = recordIdSchema.safeParse(form.get("bulkId"));
  if (!bulkId.success) redirect("/review?notice=Which%20re-send%3F");
  await discardBulk(await getDb(), bulkId.data);
  redirect(`/review?notice=${encodeURIComponent("Re-send discarded")}`);
}
