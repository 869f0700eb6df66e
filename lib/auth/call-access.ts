import "server-only";
import { eq, type SQL } from "drizzle-orm";
import { calls, type Role } from "@/lib/db/schema";
import type { SessionUser } from "./session";

/** An admin manages users and is also a supervisor: asking for "supervisor" admits admins. */
export function hasRole(user: Pick<SessionUser, "role">, ...allowed: Role[]): boolean {
  if (allowed.includes(user.role)) return true;
  return user.role === "admin" && allowed.includes("supervisor");
}

export function isSupervisor(user: Pick<SessionUser, "role">): boolean {
  return hasRole(user, "supervisor");
}

/**
 * Whether a user may see a call: its own agent, or any supervisor or admin. A call in the
 * pool (assignedTo null) belongs to no agent: agents reach it only by taking it.
 */
export function canSeeCall(
  user: Pick<SessionUser, "id" | "role">,
  call: { assignedTo: number | null },
): boolean {
  return isSupervisor(user) || (call.assignedTo !== null && call.assignedTo === user.id);
}

/**
 * The WHERE condition that limits a calls query to what the user may see (undefined: no
 * limit), so a list never loads another agent's rows only to drop them.
 */
export function callScope(user: Pick<SessionUser, "id" | "role">): SQL | undefined {
  return isSupervisor(user) ? undefined : eq(calls.assignedTo, user.id);
}
