"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useReducer, useRef, useState } from "react";
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
  callListQueryKey,
  DEFAULT_VIEW,
  fallbackListQuery,
  filtersKey,
  type ListView,
  listStates,
  listViews,
  toSearch,
} from "@/lib/calls/list-params";
import type { CallListItem, CallListPage, ListQuery } from "@/lib/calls/list-query";
import { cn } from "../ui/cn";

/** POST, not GET: the search text is personal data and must not travel in an address. */
async function fetchCallList(query: ListQuery): Promise<CallListPage> {
  const response = await fetch("/api/calls", {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(query),
  });
  if (!response.ok) throw new Error(`The list could not be loaded (HTTP ${response.status}).`);
  const [body, { callListPageSchema }] = await Promise.all([response.json() as Promise<unknown>, schemas()]);
  return callListPageSchema.parse(body);
}

/** The list's schemas (zod), loaded when first needed: not in the page's first load (issue 12). */
const schemas = () => import("@/lib/calls/list-query");

/**
 * The queries known for an address's filters (filtersKey): the one the server parsed for
 * the page, those the list sets itself (setUrlQuery), and those parsed here.
 */
const knownQueries = new Map<string, ListQuery>();

/**
 * The query the address bar names; a hand-edited bad URL falls back to the whole list. The
 * page's own address was parsed by the server (`initial`) and the list's own changes are
 * known as it makes them, so the list never waits for them; any other address is parsed
 * with the schema once it has loaded, the list keeping the query it had meanwhile.
 */
function useListQuery(initial: { key: string; query: ListQuery }): ListQuery {
  const key = filtersKey(new URLSearchParams(useSearchParams().toString()));
  if (!knownQueries.has(initial.key)) knownQueries.set(initial.key, initial.query);
  const [, parsed] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (knownQueries.has(key)) return;
    let live = true;
    void schemas().then(({ listQuerySchema }) => {
      const result = listQuerySchema.safeParse(JSON.parse(key));
      knownQueries.set(key, result.success ? result.data : fallbackListQuery);
      if (live) parsed();
    });
    return () => {
      live = false;
    };
  }, [key]);
  const last = useRef(initial.query);
  const query = knownQueries.get(key) ?? last.current;
  last.current = query;
  return query;
}

/**
 * View, state, task and page live in the URL so a list can be shared; the search text does not
 * (see list-query.ts). history.replaceState (which Next.js syncs with useSearchParams)
 * changes it without a server round trip: the data comes from /api/calls through TanStack
 * Query.
 */
function setUrlQuery(query: Partial<ListQuery>) {
  const search = toSearch(query);
  // What the schema makes of this address (the list's own values are valid).
  knownQueries.set(filtersKey(new URLSearchParams(search)), {
    view: query.view ?? DEFAULT_VIEW,
    ...(query.state ? { state: query.state } : {}),
    ...(query.serviceId ? { serviceId: query.serviceId } : {}),
    page: query.page ?? 1,
  });
  window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

const POLL_MS = 2_000;

/**
 * "To do", "Done today", "All": links (they work before the script has loaded, and a view
 * can be shared), switched in place once it has. The current one is marked for every user
 * (aria-current and a visible underline).
 */
function ViewLinks({ query, onChoose }: { query: ListQuery; onChoose: (view: ListView) => void }) {
  const t = useTranslations("calls");
  return (
    <nav aria-label={t("views.label")}>
      <ul className="flex flex-wrap gap-1 border-b border-border">
        {listViews.map((view) => {
          const current = query.view === view;
          const search = toSearch({ ...query, view, page: 1 });
          return (
            <li key={view}>
              <a
                href={search ? `/?${search}` : "/"}
                aria-current={current ? "page" : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
                  e.preventDefault();
                  onChoose(view);
                }}
                className={cn(
                  "-mb-px inline-flex min-h-11 items-center border-b-2 px-4 text-sm font-medium",
                  current
                    ? "border-primary text-foreground"
                    : "border-transparent text-link underline underline-offset-2 hover:no-underline",
                )}
              >
                {t(`views.${view}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** One call as a card: the phone's list, where a table's columns would not fit. */
function CallCard({ row, onOpen }: { row: CallListItem; onOpen: () => void }) {
  const t = useTranslations("calls");
  return (
    <li className="rounded-card border border-border bg-surface p-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <TextLink
          href={`/calls/${row.id}`}
          onClick={onOpen}
          className="inline-flex min-h-11 items-center font-medium break-all"
        >
          {row.phoneNumbers.join(", ")}
        </TextLink>
        <WriteBackStateBadge state={row.writeBackState} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">{t("columns.task")}</dt>
        <dd className="break-all">{row.serviceId}</dd>
        <dt className="text-muted">{t("columns.customerId")}</dt>
        <dd className="break-all">{row.uniqueId}</dd>
        <dt className="text-muted">{t("columns.fetched")}</dt>
        <dd>
          <LocalTime iso={row.fetchTime} />
        </dd>
      </dl>
    </li>
  );
}

/** A filter's options: "any" first, then each value with its words. */
function choices(any: string, values: [string, string][]) {
  return [["", any], ...values].map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

export function CallList({
  serviceIds,
  initialQuery,
}: {
  serviceIds: string[];
  /** The page's address as the server parsed it (its filtersKey, the query). */
  initialQuery: { key: string; query: ListQuery };
}) {
  const urlQuery = useListQuery(initialQuery);
  const ids = useId();
  const t = useTranslations("calls");
  const words = useStateWords();
  const [searchText, setSearchText] = useState("");
  // The search in force: kept in the page only, never in the URL.
  const [q, setQ] = useState<string | undefined>(undefined);
  const query: ListQuery = { ...urlQuery, q };

  // Debounced: one request when the agent stops typing, not one per key.
  const { view, state, serviceId } = urlQuery;
  const searchTimer = useRef<number | undefined>(undefined);
  useEffect(() => {
    const wanted = searchText.trim();
    if (wanted === (q ?? "")) return;
    searchTimer.current = window.setTimeout(() => {
      setQ(wanted || undefined);
      setUrlQuery({ view, state, serviceId, page: 1 });
    }, 300);
    return () => window.clearTimeout(searchTimer.current);
  }, [searchText, q, view, state, serviceId]);
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

  // A write-back that reaches its end while the list follows it changes the header's tally
  // (a server part of the layout): refresh the page's server parts once when one does.
  const router = useRouter();
  const pendingIds = useRef<Set<number>>(new Set());
  useEffect(() => {
    if (!data) return;
    const nowPending = new Set(data.rows.filter((r) => r.writeBackState === "pending").map((r) => r.id));
    const ended = data.rows.some((r) => pendingIds.current.has(r.id) && !nowPending.has(r.id));
    pendingIds.current = nowPending;
    if (ended) router.refresh();
  }, [data, router]);

  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const rows = data?.rows ?? [];
  const empty = data?.rows.length === 0;
  const emptyState = (
    <EmptyState title={t(q ? "empty" : `emptyView.${query.view}`)}>
      {t(q ? "emptyHint" : `emptyViewHint.${query.view}`)}
    </EmptyState>
  );

  return (
    <div className="space-y-4">
      <ViewLinks query={query} onChoose={(v) => setUrlQuery({ ...query, view: v, page: 1 })} />
      {q ? <p className="text-sm text-muted">{t("searchAll")}</p> : null}
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
        <Field id={`${ids}-q`} label={t("search")} className="min-w-0 flex-1 basis-64">
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

      {/* A phone gets cards; from sm up, the table. Only one is displayed (and so in the accessibility tree). */}
      <div className="sm:hidden">
        {empty ? emptyState : null}
        <ul aria-label={t("caption")} className="space-y-2">
          {rows.map((row) => (
            <CallCard key={row.id} row={row} onOpen={cancelPendingSearch} />
          ))}
        </ul>
      </div>
      <div className="hidden sm:block">
        <Table caption={t("caption")}>
          <TableHeader>
            <tr>
              {(["number", "task", "customerId", "fetched", "writeBack"] as const).map((c) => (
                <TableHead key={c}>{t(`columns.${c}`)}</TableHead>
              ))}
            </tr>
          </TableHeader>
          <TableBody>
            {empty ? <TableEmpty colSpan={5}>{emptyState}</TableEmpty> : null}
            {rows.map((row) => (
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
      </div>

      <Pager
        page={query.page}
        totalPages={totalPages}
        estimated={data?.estimated}
        href={(page) => `?${toSearch({ ...urlQuery, page })}`}
      />
    </div>
  );
}
