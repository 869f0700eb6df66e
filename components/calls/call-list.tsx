"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useStateWords, WriteBackStateBadge } from "@/components/ui/delivery-state";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { LocalTime, TimesIn } from "@/components/ui/local-time";
import { Pager } from "@/components/ui/pager";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
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

const POLL_MS = 2_000;

/** A filter's options: "any" first, then each value with its words. */
function choices(any: string, values: [string, string][]) {
  return [["", any], ...values].map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

export function CallList({ serviceIds }: { serviceIds: string[] }) {
  const urlQuery = useListQuery();
  const ids = useId();
  const t = useTranslations("calls");
  const words = useStateWords();
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
    // Followed while a shown call's write-back is on its way; once every state is final the
    // polling stops (coming back to the tab still refreshes the list).
    refetchInterval: (q) =>
      q.state.data?.rows.some((r) => r.writeBackState === "pending") ? POLL_MS : false,
    refetchOnWindowFocus: true,
  });

  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <div className="space-y-4">
      <search aria-label={t("filters")} className="flex flex-wrap items-end gap-4">
        <Field id={`${ids}-state`} label={t("state")}>
          {(p) => (
            <Select
              {...p}
              value={query.state ?? ""}
              onChange={(e) => {
                const state = listStates.find((s) => s === e.target.value);
                setUrlQuery({ ...query, state, page: 1 });
              }}
            >
              {choices(
                t("anyState"),
                listStates.map((v) => [v, words.writeBack(v)]),
              )}
            </Select>
          )}
        </Field>
        <Field id={`${ids}-task`} label={t("task")}>
          {(p) => (
            <Select
              {...p}
              value={query.serviceId ?? ""}
              onChange={(e) => setUrlQuery({ ...query, serviceId: e.target.value || undefined, page: 1 })}
            >
              {choices(
                t("anyTask"),
                serviceIds.map((v) => [v, v]),
              )}
            </Select>
          )}
        </Field>
        <Field id={`${ids}-q`} label={t("search")} className="min-w-64 flex-1">
          {(p) => (
            <Input
              {...p}
              type="search"
              inputMode="search"
              autoComplete="off"
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
            />
          )}
        </Field>
      </search>

      <p className="text-sm text-muted" aria-live="polite">
        {error
          ? t("loadFailed")
          : data
            ? t(
                data.estimated
                  ? isFetching
                    ? "refreshingAbout"
                    : "countAbout"
                  : isFetching
                    ? "refreshing"
                    : "count",
                { count: data.total },
              )
            : t("loading")}{" "}
        <TimesIn />
      </p>

      <Table caption={t("caption")}>
        <TableHeader>
          <tr>
            {(["number", "task", "customerId", "fetched", "writeBack"] as const).map((c) => (
              <TableHead key={c}>{t(`columns.${c}`)}</TableHead>
            ))}
          </tr>
        </TableHeader>
        <TableBody>
          {data?.rows.length === 0 ? (
            <TableEmpty colSpan={5}>
              <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
            </TableEmpty>
          ) : null}
          {data?.rows.map((row) => (
            <TableRow key={row.id}>
              <TableCell>
                <TextLink href={`/calls/${row.id}`} onClick={cancelPendingSearch} className="font-medium">
                  {row.phoneNumbers.join(", ")}
                </TextLink>
              </TableCell>
              <TableCell>{row.serviceId}</TableCell>
              <TableCell>{row.uniqueId}</TableCell>
              <TableCell>
                <LocalTime iso={row.fetchTime} />
              </TableCell>
              <TableCell>
                <WriteBackStateBadge state={row.writeBackState} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Pager
        page={query.page}
        totalPages={totalPages}
        estimated={data?.estimated}
        href={(page) => `?${toSearch({ ...urlQuery, page })}`}
      />
    </div>
  );
}
