import type { Metadata } from "next";
import Link from "next/link";
import { StateBadge, stateLabels } from "@/components/calls/state-badge";
import { SelectAll } from "@/components/review/select-all";
import { TimeZoneDefault } from "@/components/review/time-zone-default";
import { listActiveAgents } from "@/lib/assignment/assignment";
import { requireRole } from "@/lib/auth/guards";
import { listServiceIds } from "@/lib/calls/queries";
import { getDb } from "@/lib/db";
import { writeBackStates } from "@/lib/db/enums";
import { formatIsalesTime } from "@/lib/isales/body";
import { recentBulkJobs } from "@/lib/review/bulk";
import { parseReviewFilter, type ReviewFilter, type ReviewSortKey, reviewSearch } from "@/lib/review/filter";
import { countReviewByState, listReview } from "@/lib/review/queries";
import { assignAction, planBulkAction } from "./actions";

export const metadata: Metadata = { title: "Review" };

const columns: { key: ReviewSortKey | null; label: string }[] = [
  { key: "customer", label: "Customer id" },
  { key: "task", label: "Task" },
  { key: "agent", label: "Agent" },
  { key: "fetched", label: "Fetched" },
  { key: "written", label: "Last write-back" },
  { key: "state", label: "Write-back" },
  { key: null, label: "Status / fail code" },
];

function sortLink(filter: ReviewFilter, key: ReviewSortKey): string {
  const dir = filter.sort === key && filter.dir === "desc" ? "asc" : "desc";
  return `/review?${reviewSearch({ ...filter, sort: key, dir, page: 1 })}`;
}

/** All calls for supervisors: filters in the URL, paged and sorted on the server. */
export default async function ReviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  const params = await searchParams;
  const parsed = parseReviewFilter(params);
  const filter: ReviewFilter = parsed.ok
    ? parsed.filter
    : (parseReviewFilter({}) as { ok: true; filter: ReviewFilter }).filter;
  const notice = typeof params.notice === "string" ? params.notice : undefined;
  const db = await getDb();
  const [page, counts, agents, serviceIds, bulkJobs] = await Promise.all([
    listReview(db, filter),
    countReviewByState(db, filter),
    listActiveAgents(db),
    listServiceIds(db),
    recentBulkJobs(db),
  ]);
  const search = reviewSearch(filter);
  const totalPages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const at = (d: Date | null) => (d ? formatIsalesTime(d, filter.tz) : "");

  return (
    <main id="main" className="mx-auto max-w-7xl space-y-4 p-6">
      {params.tz === undefined && <TimeZoneDefault search={search} />}
      <h1 className="text-2xl font-semibold">Review calls</h1>
      {!parsed.ok && (
        <p role="alert" className="text-red-800">
          The filter in the address is not valid ({parsed.parameter}: {parsed.message}); showing all calls.
        </p>
      )}
      {notice && (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2">
          {notice}
        </p>
      )}

      <nav aria-label="Calls by write-back state" className="flex flex-wrap gap-2">
        {writeBackStates.map((s) => (
          <Link
            key={s}
            href={`/review?${reviewSearch({ ...filter, state: filter.state === s ? undefined : s, page: 1 })}`}
            aria-current={filter.state === s ? "true" : undefined}
            className={`rounded border px-3 py-1.5 text-sm ${filter.state === s ? "border-blue-700 bg-blue-50 font-semibold" : "border-slate-400 bg-white"}`}
            data-testid={`count-${s}`}
          >
            {stateLabels[s]}: {counts[s]}
          </Link>
        ))}
      </nav>

      <form
        method="get"
        action="/review"
        aria-label="Filter calls"
        className="flex flex-wrap items-end gap-3"
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Agent
          <select name="agent" defaultValue={filter.agent ?? ""} className="field">
            <option value="">Anyone</option>
            <option value="pool">Pool (nobody)</option>
            {agents.map((a) => (
              <option key={a.id} value={a.username}>
                {a.username}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Task
          <select name="serviceId" defaultValue={filter.serviceId ?? ""} className="field">
            <option value="">Any task</option>
            {serviceIds.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Write-back state
          <select name="state" defaultValue={filter.state ?? ""} className="field">
            <option value="">Any state</option>
            {writeBackStates.map((s) => (
              <option key={s} value={s}>
                {stateLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Status
          <input name="status" defaultValue={filter.status ?? ""} className="field w-20" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Fail code
          <input name="failCode" defaultValue={filter.failCode ?? ""} className="field w-24" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Dates are
          <select name="dateField" defaultValue={filter.dateField} className="field">
            <option value="fetched">Fetched</option>
            <option value="written">Last write-back</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          From
          <input type="date" name="from" defaultValue={filter.from ?? ""} className="field" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          To
          <input type="date" name="to" defaultValue={filter.to ?? ""} className="field" />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Time zone
          <input name="tz" defaultValue={filter.tz} className="field w-44" />
        </label>
        <input type="hidden" name="sort" value={filter.sort} />
        <input type="hidden" name="dir" value={filter.dir} />
        <button type="submit" className="button-primary">
          Apply
        </button>
        <a href={`/api/review/export?${search}`} className="button-secondary" download>
          Export CSV
        </a>
      </form>

      <form method="post" className="space-y-3">
        <input type="hidden" name="filter" value={search} />
        <fieldset className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3">
          <legend className="px-1 text-sm font-semibold">With</legend>
          <label className="flex items-center gap-1 text-sm">
            <input type="radio" name="scope" value="selected" defaultChecked /> the ticked rows
          </label>
          <label className="flex items-center gap-1 text-sm">
            <input type="radio" name="scope" value="filter" /> all {page.total} calls this filter shows
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Assign to
            <select name="assignTo" className="field" defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              <option value="pool">The pool (nobody)</option>
              {agents.map((a) => (
                <option key={a.id} value={a.username}>
                  {a.username}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" formAction={assignAction} className="button-secondary" data-action="assign">
            Assign
          </button>
          <button
            type="submit"
            formAction={planBulkAction}
            className="button-secondary"
            data-action="plan-bulk"
          >
            Re-send failed and refused… (dry run)
          </button>
        </fieldset>

        <p className="text-sm text-slate-700" aria-live="polite">
          {page.total} {page.total === 1 ? "call" : "calls"} · times in {filter.tz}
        </p>
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Calls matching the filter</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">
                  <SelectAll label="Tick every row on this page" />
                </th>
                {columns.map((c) => (
                  <th
                    key={c.label}
                    scope="col"
                    className="px-3 py-2 font-semibold"
                    aria-sort={
                      c.key && filter.sort === c.key
                        ? filter.dir === "asc"
                          ? "ascending"
                          : "descending"
                        : undefined
                    }
                  >
                    {c.key ? (
                      <Link href={sortLink(filter, c.key)} className="underline underline-offset-2">
                        {c.label}
                        {filter.sort === c.key ? (filter.dir === "asc" ? " ▲" : " ▼") : ""}
                      </Link>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.length === 0 && (
                <tr>
                  <td colSpan={columns.length + 1} className="px-3 py-6 text-center">
                    No calls match these filters.
                  </td>
                </tr>
              )}
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      name="id"
                      value={row.id}
                      aria-label={`Choose call ${row.uniqueId}`}
                    />
                  </td>
                  <td className="px-3 py-2">
                    <Link
                      href={`/calls/${row.id}?back=${encodeURIComponent(`/review?${reviewSearch(filter, { page: true })}`)}`}
                      className="font-medium text-blue-800 underline underline-offset-2"
                    >
                      {row.uniqueId}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{row.serviceId}</td>
                  <td className="px-3 py-2">{row.agent ?? <span className="text-slate-600">pool</span>}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{at(row.fetchTime)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{at(row.lastWriteBackAt)}</td>
                  <td className="px-3 py-2">
                    <StateBadge state={row.writeBackState} />
                  </td>
                  <td className="px-3 py-2">
                    {row.status ?? ""}
                    {row.failCode ? ` / ${row.failCode}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </form>

      <nav aria-label="Pages" className="flex items-center gap-3">
        {filter.page > 1 ? (
          <Link
            href={`/review?${reviewSearch({ ...filter, page: filter.page - 1 }, { page: true })}`}
            className="button-secondary"
          >
            Previous page
          </Link>
        ) : null}
        <span className="text-sm">
          Page {filter.page} of {totalPages}
        </span>
        {filter.page < totalPages ? (
          <Link
            href={`/review?${reviewSearch({ ...filter, page: filter.page + 1 }, { page: true })}`}
            className="button-secondary"
          >
            Next page
          </Link>
        ) : null}
      </nav>

      {bulkJobs.length > 0 && (
        <section aria-labelledby="bulk-heading" className="space-y-2">
          <h2 id="bulk-heading" className="text-lg font-semibold">
            Recent bulk re-sends
          </h2>
          <ul className="list-disc pl-6 text-sm">
            {bulkJobs.map((job) => (
              <li key={job.id}>
                <Link href={`/review/bulk/${job.id}`} className="text-blue-800 underline">
                  Re-send #{job.id}
                </Link>{" "}
                · {job.state} ·{" "}
                {job.state === "sent" ? `${job.queued} queued` : `${job.callIds.length} calls`} ·{" "}
                {at(job.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
