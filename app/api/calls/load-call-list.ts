import "server-only";
import { isSupervisor } from "@/lib/auth/call-access";
import type { SessionUser } from "@/lib/auth/session";
import { type CallListPage, LIST_PAGE_SIZE, type ListQuery } from "@/lib/calls/list-query";
import { listCalls } from "@/lib/calls/queries";
import { getDb } from "@/lib/db";

/** One page of the call list, shaped as JSON for the browser (the route and the page share it). */
export async function loadCallList(query: ListQuery, user: SessionUser): Promise<CallListPage> {
  const db = await getDb();
  const result = await listCalls(db, {
    // Agents see the calls assigned to them; supervisors and admins see everyone's.
    ...(isSupervisor(user) ? {} : { assignedTo: user.id }),
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
