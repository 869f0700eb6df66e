import type { Metadata } from "next";
import Link from "next/link";
import { SelectAll } from "@/components/review/select-all";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { ageWords, listQueue, type QueueState, queueStates } from "@/lib/review/queue";
import { cancelAction, retryAction } from "./actions";

export const metadata: Metadata = { title: "Queue" };

const stateWords: Record<QueueState, string> = {
  queued: "Waiting",
  sending: "Being sent",
  retrying: "Retrying",
  attention: "Needs attention",
};

/** Every write-back not yet accepted: waiting, being sent, retrying or needing attention. */
export default async function QueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  const params = await searchParams;
  const state = queueStates.find((s) => s === params.state);
  const pageNo = Math.max(1, Number(params.page) || 1);
  const notice = typeof params.notice === "string" ? params.notice : undefined;
  const queue = await listQueue(await getDb(), { state, page: pageNo });
  const now = new Date();
  const totalPages = Math.max(1, Math.ceil(queue.total / queue.pageSize));

  return (
    <main id="main" className="mx-auto max-w-7xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Write-back queue</h1>
      {notice && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2">
          {notice}
        </p>
      )}
      <nav aria-label="Queue by state" className="flex flex-wrap gap-2">
        <Link href="/queue" aria-current={state ? undefined : "true"} className="button-secondary">
          All: {queueStates.reduce((n, s) => n + queue.counts[s], 0)}
        </Link>
        {queueStates.map((s) => (
          <Link
            key={s}
            href={`/queue?state=${s}`}
            aria-current={state === s ? "true" : undefined}
            className="button-secondary"
            data-testid={`queue-count-${s}`}
          >
            {stateWords[s]}: {queue.counts[s]}
          </Link>
        ))}
      </nav>

      <form method="post" className="space-y-3">
        <input type="hidden" name="state" value={state ?? ""} />
        <fieldset className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3">
          <legend className="px-1 text-sm font-semibold">With</legend>
          <label className="flex items-center gap-1 text-sm">
            <input type="radio" name="scope" value="selected" defaultChecked /> the ticked rows
          </label>
          <label className="flex items-center gap-1 text-sm">
            <input type="radio" name="scope" value="all" /> all {queue.total} shown
          </label>
          <button type="submit" formAction={retryAction} className="button-secondary" data-action="retry">
            Retry now
          </button>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Reason to cancel (required)
            <input name="reason" maxLength={500} className="field w-72" />
          </label>
          <button type="submit" formAction={cancelAction} className="button-secondary" data-action="cancel">
            Cancel
          </button>
        </fieldset>

        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Write-backs not yet accepted, oldest first</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  <SelectAll label="Tick every row on this page" />
                </th>
                <th scope="col" className="px-3 py-2">
                  Call
                </th>
                <th scope="col" className="px-3 py-2">
                  Task
                </th>
                <th scope="col" className="px-3 py-2">
                  State
                </th>
                <th scope="col" className="px-3 py-2">
                  Age
                </th>
                <th scope="col" className="px-3 py-2">
                  Attempts
                </th>
                <th scope="col" className="px-3 py-2">
                  Last answer
                </th>
                <th scope="col" className="px-3 py-2">
                  By
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-6 text-center">
                    Nothing waiting: every write-back was accepted or dealt with.
                  </td>
                </tr>
              )}
              {queue.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      name="id"
                      value={row.id}
                      aria-label={`Choose write-back ${row.id} of ${row.uniqueId}`}
                    />
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/calls/${row.callId}`} className="text-blue-800 underline">
                      {row.uniqueId}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{row.serviceId}</td>
                  <td className="px-3 py-2">{stateWords[row.state as QueueState] ?? row.state}</td>
                  <td className="px-3 py-2">{ageWords(row.createdAt, now)}</td>
                  <td className="px-3 py-2">{row.attempts}</td>
                  <td className="px-3 py-2">{row.lastError ?? "not sent yet"}</td>
                  <td className="px-3 py-2">
                    {row.sentBy ?? ""}
                    {row.bulkId ? ` (re-send #${row.bulkId})` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </form>
      <nav aria-label="Pages" className="flex items-center gap-3">
        {pageNo > 1 && (
          <Link
            href={`/queue?${new URLSearchParams({ ...(state ? { state } : {}), page: String(pageNo - 1) })}`}
            className="button-secondary"
          >
            Previous page
          </Link>
        )}
        <span className="text-sm">
          Page {pageNo} of {totalPages}
        </span>
        {pageNo < totalPages && (
          <Link
            href={`/queue?${new URLSearchParams({ ...(state ? { state } : {}), page: String(pageNo + 1) })}`}
            className="button-secondary"
          >
            Next page
          </Link>
        )}
      </nav>
    </main>
  );
}
