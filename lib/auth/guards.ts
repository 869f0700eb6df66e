import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/db/enums";
import { clientAddressHeader } from "@/lib/http/client-address";
import { authSettings } from "@/lib/settings";
import { canSeeCall, hasRole } from "./call-access";
import { REQUEST_PATH_HEADER } from "./request-path";
import {
  resolveSessionSecret,
  SESSION_COOKIE,
  type SessionConfig,
  type SessionUser,
  validateSession,
} from "./session";

export { callScope, canSeeCall, hasRole, isSupervisor } from "./call-access";
export type { SessionUser } from "./session";

const globalForAuth = globalThis as unknown as { __previewDeskSessionSecret?: Promise<string> };

/** The secret and lifetime of sessions; a generated secret is read from the database once per process. */
export async function sessionConfig(): Promise<SessionConfig> {
  const { SESSION_SECRET, SESSION_TTL_HOURS } = authSettings();
  globalForAuth.__previewDeskSessionSecret ??= getDb().then((db) => resolveSessionSecret(db, SESSION_SECRET));
  try {
    return { secret: await globalForAuth.__previewDeskSessionSecret, ttlHours: SESSION_TTL_HOURS };
  } catch (error) {
    // A failed first read must not be remembered: the next request tries again.
    globalForAuth.__previewDeskSessionSecret = undefined;
    throw error;
  }
}

/** Whether this request reached us over HTTPS (directly, or through a proxy that says so). */
export async function requestIsHttps(): Promise<boolean> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}

/**
 * The client's address for rate limiting, as worked out at the socket from its peer and
 * TRUSTED_PROXIES (lib/http/client-address.ts): a client-sent X-Forwarded-For counts only
 * when it came through a trusted proxy.
 */
export async function clientAddress(): Promise<string> {
  return (await headers()).get(clientAddressHeader()) ?? "unknown";
}

/** The signed-in user of this request, or null. Read once per request (React cache). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const [db, config] = await Promise.all([getDb(), sessionConfig()]);
  return validateSession(db, token, config.secret);
});

/** For pages: the signed-in user, or a redirect to /sign-in that comes back here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  redirect(path && path !== "/" ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in");
}

/**
 * For pages: a user with one of these roles ("supervisor" admits admins). Any other
 * signed-in user gets the not-found page, as if the page did not exist.
 */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user, ...roles)) notFound();
  return user;
}

/** For pages: the call, if this user may see it; otherwise the not-found page, whether it exists or not. */
export function requireCallAccess<T extends { assignedTo: number | null }>(
  user: SessionUser,
  call: T | null | undefined,
): T {
  if (!call || !canSeeCall(user, call)) notFound();
  return call;
}

export type AuthCheck = { ok: true; user: SessionUser } | { ok: false; status: 401 | 403; message: string };

/**
 * For server actions and route handlers, which answer instead of redirecting: 401 when
 * nobody is signed in, 403 when the role is not allowed (no roles: any signed-in user).
 */
export async function checkAuth(...roles: Role[]): Promise<AuthCheck> {
  const user = await currentUser();
  // In the user's language: a page's own fetch shows the refusal as it comes.
  if (!user)
    return { ok: false, status: 401, message: (await getTranslations("errors.action"))("unauthenticated") };
  if (roles.length > 0 && !hasRole(user, ...roles))
    return { ok: false, status: 403, message: (await getTranslations("errors.action"))("forbidden") };
  return { ok: true, user };
}

/** For route handlers: the user, or the 401/403 JSON response to return as it is. */
export async function authorizeRoute(
  ...roles: Role[]
): Promise<{ ok: true; user: SessionUser } | { ok: false; response: Response }> {
  const check = await checkAuth(...roles);
  if (check.ok) return check;
  return { ok: false, response: Response.json({ error: check.message }, { status: check.status }) };
}

/** The answer for a call the user may not see: the same as for one that does not exist. */
export function callNotFoundResponse(): Response {
  return Response.json({ error: "This call does not exist." }, { status: 404 });
}
