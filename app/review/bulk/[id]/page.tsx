import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QueryProvider } from "@/components/calls/query-provider";
import { BulkProgress } from "@/components/review/bulk-progress";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getBulkJob } from "@/lib/review/bulk";
import { discardBulkAction, sendBulkAction } from "../../actions";

export const metadata: Metadata = { title: "Bulk re-send" };

/** A bulk re-send: its dry run (what will be sent), then its progress once sent. */
export default async function BulkPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  const job = await getBulkJob(await getDb(), Number((await params).id));
  if (!job) notFound();
  const error = (await searchParams).error;
  const { byState, byTask, skipped } = job.summary;
  const n = job.callIds.length;

  return (
    <main id="main" className="mx-auto max-w-4xl space-y-5 p-6">
      <p>
        <Link href="/review" className="text-blue-800 underline">
          Back to review
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Bulk re-send #{job.id}</h1>
      <p>Chosen: {job.selection}</p>
      <section aria-labelledby="dry-run-heading" className="space-y-2">
        <h2 id="dry-run-heading" className="text-lg font-semibold">
          Dry run
        </h2>
        <p data-testid="dry-run-count">
          {n} {n === 1 ? "call" : "calls"} will be sent again with their current outcome.
        </p>
        <ul className="list-disc pl-6">
          {Object.entries(byState).map(([state, count]) => (
            <li key={state}>
              {count} {state}
            </li>
          ))}
          {Object.entries(byTask).map(([task, count]) => (
            <li key={task}>
              {count} of task {task}
            </li>
          ))}
        </ul>
        {Object.keys(skipped).length > 0 && (
          <>
            <p>Left out:</p>
            <ul className="list-disc pl-6" data-testid="dry-run-skipped">
              {Object.entries(skipped).map(([why, count]) => (
                <li key={why}>
                  {count}: {why}
                </li>
              ))}
            </ul>
          </>
        )}
        {job.sample.length > 0 && (
          <details open>
            <summary>Sample of the exact bodies</summary>
            {job.sample.map((s) => (
              <pre key={s.callId} className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">
                {s.body}
              </pre>
            ))}
          </details>
        )}
      </section>

      {job.state === "draft" && n > 0 && (
        <form method="post" className="space-y-3 rounded border border-slate-300 bg-white p-4">
          <input type="hidden" name="bulkId" value={job.id} />
          <label className="flex flex-col gap-1 font-medium">
            Reason (required, kept with the re-send)
            <textarea
              name="reason"
              required
              maxLength={500}
              className="field"
              aria-invalid={error === "reason" ? "true" : undefined}
              aria-describedby={error === "reason" ? "reason-error" : undefined}
            />
          </label>
          {error === "reason" && (
            <p id="reason-error" role="alert" className="text-red-800">
              Give a reason for the re-send.
            </p>
          )}
          <div className="flex gap-3">
            <button
              type="submit"
              formAction={sendBulkAction}
              className="button-primary"
              data-action="send-bulk"
            >
              Send {n} {n === 1 ? "call" : "calls"}
            </button>
            <button
              type="submit"
              formAction={discardBulkAction}
              formNoValidate
              className="button-secondary"
              data-action="discard-bulk"
            >
              Discard
            </button>
          </div>
        </form>
      )}
      {job.state === "draft" && n === 0 && (
        <p>Nothing to send. Choose failed or refused calls on the review page.</p>
      )}
      {job.state === "discarded" && <p>This re-send was discarded.</p>}
      {error === "sent" && <p role="alert">This re-send was already sent or discarded.</p>}
      {job.state === "sent" && (
        <>
          <p>
            Sent by reason “{job.reason}”: {job.queued} write-backs queued. You can leave this page; the
            sending goes on.
          </p>
          <QueryProvider>
            <BulkProgress bulkId={job.id} />
          </QueryProvider>
        </>
      )}
    </main>
  );
}
