import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { appSecrets, type Role, sessions, users } from "@/lib/db/schema";

/**
 * Server-side sessions. The cookie carries `<id>.<mac>`: a random 32-byte id and its
 * HMAC-SHA256 under the session secret. The database keeps only SHA-256 of the id, so a
 * leaked table cannot be replayed as cookies, and every request reads the row (and the
 * user's `disabled` flag), so deleting rows ends sessions at once.
 */

export const SESSION_COOKIE = "pd_session";

export type SessionUser = { id: number; username: string; role: Role; workNo: string | null };

export type SessionConfig = { secret: string; ttlHours: number };

/** The flags every session cookie carries; `secure` when the request came over HTTPS. */
export function sessionCookieOptions(secure: boolean, maxAgeS: number) {
  return { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: maxAgeS } as const;
}

const b64 = (buf: Buffer) => buf.toString("base64url");
const hashId = (id: string) => createHash("sha256").update(id).digest("hex");
const mac = (id: string, secret: string) => createHmac("sha256", secret).update(id).digest();

export function signSessionId(id: string, secret: string): string {
  return `${id}.${b64(mac(id, secret))}`;
}

/** The id from a cookie value, or null when it is malformed or its signature is wrong. */
export function unsignSessionToken(token: string, secret: string): string | null {
  const m = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m?.[1] || !m[2]) return null;
  const given = Buffer.from(m[2], "base64url");
  const expected = mac(m[1], secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? m[1] : null;
}

export type CreatedSession = { token: string; expiresAt: Date; maxAgeS: number };

export async function createSession(
  db: Db,
  userId: number,
  config: SessionConfig,
  now: Date = new Date(),
): Promise<CreatedSession> {
  const id = b64(randomBytes(32));
  const maxAgeS = config.ttlHours * 3600;
  const expiresAt = new Date(now.getTime() + maxAgeS * 1000);
  // Expired rows are never read again; sweeping them here keeps the table small without a job.
  await db.delete(sessions).where(lte(sessions.expiresAt, now));
  await db.insert(sessions).values({ idHash: hashId(id), userId, createdAt: now, expiresAt });
  return { token: signSessionId(id, config.secret), expiresAt, maxAgeS };
}

/** The signed-in user for a cookie value, or null: bad signature, no row, expired, or disabled. */
export async function validateSession(
  db: Db,
  token: string | undefined,
  secret: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  if (!token) return null;
  const id = unsignSessionToken(token, secret);
  if (!id) return null;
  const rows = await db
    .select({ id: users.id, username: users.username, role: users.role, workNo: users.workNo })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, hashId(id)), gt(sessions.expiresAt, now), eq(users.disabled, false)))
    .limit(1);
  return rows[0] ?? null;
}

/** Sign-out: end this one session (a bad or unknown token is already no session). */
export async function deleteSession(db: Db, token: string | undefined, secret: string): Promise<void> {
  const id = token ? unsignSessionToken(token, secret) : null;
  if (id) await db.delete(sessions).where(eq(sessions.idHash, hashId(id)));
}

/** End every session of a user: on a password change, disabling, or an admin's request. */
export async function endUserSessions(db: Db, userId: number): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ h: sessions.idHash });
  return rows.length;
}

const SECRET_NAME = "session_secret";

/**
 * SESSION_SECRET when it is set; otherwise one generated on first use and kept in the
 * database, so every instance on the same database signs alike and restarts keep sessions.
 */
export async function resolveSessionSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const generated = b64(randomBytes(32));
  // Two instances starting together: the first insert wins and both read the same row.
  await db.insert(appSecrets).values({ name: SECRET_NAME, value: generated }).onConflictDoNothing();
  const rows = await db
    .select({ value: appSecrets.value })
    .from(appSecrets)
    .where(eq(appSecrets.name, SECRET_NAME));
  const value = rows[0]?.value;
  if (!value) throw new Error("session secret could not be stored");
  return value;
}
