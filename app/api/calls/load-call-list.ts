import "server-only";
import { isSupervisor } from "@/lib/auth/call-access";
import type { SessionUser } from "@/lib/auth/session";
import { type CallListPage, LIST_PAGE_SIZE, type ListQuery, openStates } from "@/lib/calls/list-query";
import { type ListCallsQuery, listCalls } from "@/lib/calls/queries";
import { startOfTodayIn } from "@/lib/calls/today";
import { userTimeZone } from "@/lib/calls/user-time-zone";
import { getDb } from "@/lib/db";

/** What a view adds to the filters; a search looks through every call (see list-query.ts). */
async function viewFilter(query: ListQuery): Promise<Pick<ListCallsQuery, "states" | "writtenSince">> {
  if (query.q) return {};
  switch (query.view) {
    case "todo":
      return { states: openStates };
    case "today":
      return { writtenSince: startOfTodayIn(await userTimeZone()) };
    case "all":
      return {};
  }
}

/** One page of the call list, shaped as JSON for the browser (the route and the page share it). */
export async function loadCallList(query: ListQuery, user: SessionUser): Promise<CallListPage> {
  const db = await getDb();
  const result = await listCalls(db, {
    // Agents see the calls assigned to them; supervisors and admins see everyone's.
    ...(isSupervisor(user) ? {} : { assignedTo: user.id }),
    ...(await viewFilter(query)),
    state: query.state,
    serviceId: query.serviceId,
    q: query.q,
    page: query.page,
    pageSize: LIST_PAGE_SIZE,
  });
  return {
    rows: result.rows.map((row) => ({
      id: row.id,
      serviceId: row.serviceId,
      uniqueId: row.uniqueId,
      phoneNumbers: row.phoneNumbers,
      fetchTime: row.fetchTime.toISOString(),
      createdAt: row.createdAt.toISOString(),
      writeBackState: row.writeBackState,
      lastWriteBackAt: row.lastWriteBackAt?.toISOString() ?? null,
    })),
    total: result.total,
    estimated: result.estimated,
    page: result.page,
    pageSize: result.pageSize,
  };
}
