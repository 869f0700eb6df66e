"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import {
  type CallListPage,
  callListPageSchema,
  callListQueryKey,
  firstValues,
  type ListQuery,
  listQuerySchema,
  listStates,
  toSearch,
} from "@/lib/calls/list-query";
import { StateBadge, stateLabels } from "./state-badge";

/** POST, not GET: the search text is personal data and must not travel in an address. */
async function fetchCallList(query: ListQuery): Promise<CallListPage> {
  const response = await fetch("/api/calls", {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(query),
  });
  if (!response.ok) throw new Error(`The list could not be loaded (HTTP ${response.status}).`);
  return callListPageSchema.parse(await response.json());
}

const fallbackQuery: ListQuery = { page: 1 };

/** The query the address bar names; a hand-edited bad URL falls back to the whole list. */
function useListQuery(): ListQuery {
  const params = useSearchParams();
  const parsed = listQuerySchema.safeParse(firstValues(new URLSearchParams(params.toString())));
  return parsed.success ? parsed.data : fallbackQuery;
}

/**
 * State, task and page live in the URL so a list can be shared; the search text does not
 * (see list-query.ts). history.replaceState (which Next.js syncs with useSearchParams)
 * changes it without a server round trip: the data comes from /api/calls through TanStack
 * Query.
 */
function setUrlQuery(query: Partial<ListQuery>) {
  const search = toSearch(query);
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

export function CallList({ serviceIds }: { serviceIds: string[] }) {
  const urlQuery = useListQuery();
  const ids = useId();
  const [searchText, setSearchText] = useState("");
  // The search in force: kept in the page only, never in the URL.
  const [q, setQ] = useState<string | undefined>(undefined);
  const query: ListQuery = { ...urlQuery, q };

  // Debounced: one request when the agent stops typing, not one per key.
  const { state, serviceId } = urlQuery;
  const searchTimer = useRef<number | undefined>(undefined);
  useEffect(() => {
    const wanted = searchText.trim();
    if (wanted === (q ?? "")) return;
    searchTimer.current = window.setTimeout(() => {
      setQ(wanted || undefined);
      setUrlQuery({ state, serviceId, page: 1 });
    }, 300);
    return () => window.clearTimeout(searchTimer.current);
  }, [searchText, q, state, serviceId]);
  // A search still waiting when the agent opens a call would rewrite the URL under the
  // navigation and cancel it.
  const cancelPendingSearch = () => window.clearTimeout(searchTimer.current);

  const { data, error, isFetching } = useQuery({
    queryKey: callListQueryKey(query),
    queryFn: () => fetchCallList(query),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
    refetchOnWindowFocus: true,
  });

  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="space-y-4">
      <search aria-label="Filter calls" className="flex flex-wrap items-end gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-state`} className="text-sm font-medium">
            Write-back state
          </label>
          <select
            id={`${ids}-state`}
            className="rounded border border-slate-400 bg-white px-2 py-1.5"
            value={query.state ?? ""}
            onChange={(e) => {
              const state = listStates.find((s) => s === e.target.value);
              setUrlQuery({ ...query, state, page: 1 });
            }}
          >
            <option value="">Any state</option>
            {listStates.map((s) => (
              <option key={s} value={s}>
                {stateLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-task`} className="text-sm font-medium">
            Task
          </label>
          <select
            id={`${ids}-task`}
            className="rounded border border-slate-400 bg-white px-2 py-1.5"
            value={query.serviceId ?? ""}
            onChange={(e) => setUrlQuery({ ...query, serviceId: e.target.value || undefined, page: 1 })}
          >
            <option value="">Any task</option>
            {serviceIds.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor={`${ids}-q`} className="text-sm font-medium">
            Search by number or customer id
          </label>
          <input
            id={`${ids}-q`}
            type="search"
            inputMode="search"
            autoComplete="off"
            className="rounded border border-slate-400 bg-white px-2 py-1.5"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
          />
        </div>
      </search>

      <p className="text-sm text-slate-700" aria-live="polite">
        {error
          ? "The list could not be refreshed. It will try again in a few seconds."
          : data
            ? `${data.total} ${data.total === 1 ? "call" : "calls"}${isFetching ? " · refreshing…" : ""}`
            : "Loading…"}
      </p>

      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Previewed calls, newest first</caption>
          <thead className="bg-slate-100 text-slate-800">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                Number
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Task
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Customer id
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Fetched
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Write-back
              </th>
            </tr>
          </thead>
          <tbody>
            {data?.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-700">
                  No calls match these filters.
                </td>
              </tr>
            ) : null}
            {data?.rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200 hover:bg-slate-50">
                <td className="px-3 py-2">
                  <Link
                    href={`/calls/${row.id}`}
                    onClick={cancelPendingSearch}
                    className="font-medium text-blue-800 underline underline-offset-2 hover:text-blue-950"
                  >
                    {row.phoneNumbers.join(", ")}
                  </Link>
                </td>
                <td className="px-3 py-2">{row.serviceId}</td>
                <td className="px-3 py-2">{row.uniqueId}</td>
                <td className="px-3 py-2">
                  <LocalTime iso={row.fetchTime} />
                </td>
                <td className="px-3 py-2">
                  <StateBadge state={row.writeBackState} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pages" className="flex items-center gap-3">
        <button
          type="button"
          className="rounded border border-slate-400 bg-white px-3 py-1.5 disabled:opacity-50"
          disabled={query.page <= 1}
          onClick={() => setUrlQuery({ ...query, page: query.page - 1 })}
        >
          Previous page
        </button>
        <span className="text-sm">
          Page {query.page} of {totalPages}
        </span>
        <button
          type="button"
          className="rounded border border-slate-400 bg-white px-3 py-1.5 disabled:opacity-50"
          disabled={query.page >= totalPages}
          onClick={() => setUrlQuery({ ...query, page: query.page + 1 })}
        >
          Next page
        </button>
      </nav>
    </div>
  );
}
