import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { calls, users, type WriteBackState, writeBackStates } from "@/lib/db/schema";
import { localToInstant } from "@/lib/write-back/local-time";
import { REVIEW_PAGE_SIZE, type ReviewFilter } from "./filter";

/** The day after a yyyy-MM-dd date, as yyyy-MM-dd (calendar arithmetic, no zone involved). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The WHERE condition of a review filter. Dates are whole days in the filter's zone: from
 * the start of `from` to the end of `to` (the start of the next day, exclusive), so a day
 * with a DST change is still that day. `omitState` gives the counts at the top every state.
 */
export function reviewWhere(filter: ReviewFilter, options: { omitState?: boolean } = {}): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.agent === "pool") conditions.push(isNull(calls.assignedTo));
  else if (filter.agent !== undefined)
    conditions.push(
      sql`${calls.assignedTo} = (select u.id from ${users} u where u.username = ${filter.agent})`,
    );
  if (filter.serviceId !== undefined) conditions.push(eq(calls.serviceId, filter.serviceId));
  if (filter.state !== undefined && !options.omitState)
    conditions.push(eq(calls.writeBackState, filter.state));
  if (filter.status !== undefined) conditions.push(eq(calls.status, filter.status));
  if (filter.failCode !== undefined) conditions.push(eq(calls.failCode, filter.failCode));
  const column = filter.dateField === "written" ? calls.lastWriteBackAt : calls.fetchTime;
  if (filter.from !== undefined) {
    const at = localToInstant(`${filter.from}T00:00`, filter.tz);
    if (at) conditions.push(gte(column, at));
  }
  if (filter.to !== undefined) {
    const at = localToInstant(`${nextDay(filter.to)}T00:00`, filter.tz);
    if (at) conditions.push(lt(column, at));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

const agentName = sql<string | null>`(select u.username from ${users} u where u.id = ${calls.assignedTo})`;

function orderBy(filter: ReviewFilter): SQL[] {
  const by = filter.dir === "asc" ? asc : desc;
  const key = {
    fetched: calls.fetchTime,
    written: calls.lastWriteBackAt,
    task: calls.serviceId,
    customer: calls.uniqueId,
    state: calls.writeBackState,
    agent: agentName,
  }[filter.sort];
  // Nulls (never written back, pool) last either way; id keeps pages stable.
  return [sql`${by(key)} nulls last`, by(calls.id)];
}

export const reviewColumns = {
  id: calls.id,
  serviceId: calls.serviceId,
  uniqueId: calls.uniqueId,
  phoneNumbers: calls.phoneNumbers,
  fetchTime: calls.fetchTime,
  lastWriteBackAt: calls.lastWriteBackAt,
  writeBackState: calls.writeBackState,
  status: calls.status,
  failCode: calls.failCode,
  asrResult: calls.asrResult,
  phoneNumber: calls.phoneNumber,
  callId: calls.callId,
  writeStartTime: calls.writeStartTime,
  endCallTime: calls.endCallTime,
  version: calls.version,
  agent: agentName,
};

export type ReviewRow = {
  id: number;
  serviceId: string;
  uniqueId: string;
  phoneNumbers: string[];
  fetchTime: Date;
  lastWriteBackAt: Date | null;
  writeBackState: WriteBackState;
  status: string | null;
  failCode: string | null;
  asrResult: string | null;
  phoneNumber: string | null;
  callId: string | null;
  writeStartTime: Date | null;
  endCallTime: Date | null;
  version: number;
  agent: string | null;
};

export type ReviewPage = { rows: ReviewRow[]; total: number; page: number; pageSize: number };

/** One page of the review view (server-side paging and sorting). */
export async function listReview(
  db: Db,
  filter: ReviewFilter,
  pageSize = REVIEW_PAGE_SIZE,
): Promise<ReviewPage> {
  const where = reviewWhere(filter);
  const [rows, totals] = await Promise.all([
    db
      .select(reviewColumns)
      .from(calls)
      .where(where)
      .orderBy(...orderBy(filter))
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize),
    db.select({ total: count() }).from(calls).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0, page: filter.page, pageSize };
}

/** Calls per write-back state for the filter (its own state choice left out, so every state shows). */
export async function countReviewByState(
  db: Db,
  filter: ReviewFilter,
): Promise<Record<WriteBackState, number>> {
  const rows = await db
    .select({ state: calls.writeBackState, n: count() })
    .from(calls)
    .where(reviewWhere(filter, { omitState: true }))
    .groupBy(calls.writeBackState);
  const counts = Object.fromEntries(writeBackStates.map((s) => [s, 0])) as Record<WriteBackState, number>;
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/**
 * Every row the filter shows, in the page's order, a chunk at a time (for the CSV export).
 * The ids are read first, in one statement, so the export is one consistent set even if
 * calls change while it streams (offset paging would skip or repeat rows then).
 */
export async function* reviewRowChunks(
  db: Db,
  filter: ReviewFilter,
  chunk = 1_000,
): AsyncGenerator<ReviewRow[]> {
  const ids = await reviewCallIds(db, filter);
  for (let start = 0; start < ids.length; start += chunk) {
    const part = ids.slice(start, start + chunk);
    const rows = await db.select(reviewColumns).from(calls).where(inArray(calls.id, part));
    const byId = new Map(rows.map((r) => [r.id, r]));
    yield part.flatMap((id) => byId.get(id) ?? []);
  }
}

/** The ids of every call the filter shows (for "everything the filter shows" actions). */
export async function reviewCallIds(db: Db, filter: ReviewFilter): Promise<number[]> {
  const rows = await db
    .select({ id: calls.id })
    .from(calls)
    .where(reviewWhere(filter))
    .orderBy(...orderBy(filter));
  return rows.map((r) => r.id);
}
