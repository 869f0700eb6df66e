import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { type Role, users } from "@/lib/db/schema";
import { type Translate, translatorFrom } from "@/lib/i18n/translate";
import type { ValidationMessages } from "@/lib/validation/messages";
import enUsers from "@/messages/en/users.json";
import { hashPassword } from "./password";
import { makeAccountSchemas, usernameSchema } from "./schemas";
import { endUserSessions } from "./session";

/**
 * Account management, shared by the users command and the admin page. Every function
 * validates its input again (either caller may be handed anything) and answers with a
 * typed result for each expected failure.
 */

export type UserSummary = {
  id: number;
  username: string;
  role: Role;
  workNo: string | null;
  disabled: boolean;
  createdAt: Date;
};

export type UserErrorCode = "invalid" | "exists" | "not_found" | "last_admin";
export type UserResult<T> = { ok: true; value: T } | { ok: false; code: UserErrorCode; message: string };

/**
 * The rules' and refusals' words, from a translator of "users.rules": the admin page's
 * actions pass the user's language (each function's last argument), the users command
 * and the tests get English.
 */
export function makeUserMessages(t: Translate, text?: ValidationMessages) {
  return {
    schemas: makeAccountSchemas(t, text),
    notFound: (username: string) => t("notFound", { username }),
    exists: (username: string) => t("exists", { username }),
    lastAdmin: t("lastAdmin"),
  };
}
export type UserMessages = ReturnType<typeof makeUserMessages>;
export const englishUserMessages: UserMessages = makeUserMessages(
  translatorFrom("en", enUsers, "users.rules"),
);

const invalid = (message: string) => ({ ok: false, code: "invalid", message }) as const;
const notFound = (username: string, m: UserMessages) =>
  ({ ok: false, code: "not_found", message: m.notFound(username) }) as const;

const summary = {
  id: users.id,
  username: users.username,
  role: users.role,
  workNo: users.workNo,
  disabled: users.disabled,
  createdAt: users.createdAt,
};

function firstIssue(error: { issues: { message: string }[] }): string {
  return error.issues[0]?.message ?? "invalid input";
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  return db.select(summary).from(users).orderBy(asc(users.username));
}

export async function findUser(db: Db, username: string): Promise<UserSummary | null> {
  const name = usernameSchema.safeParse(username);
  if (!name.success) return null;
  const rows = await db.select(summary).from(users).where(eq(users.username, name.data)).limit(1);
  return rows[0] ?? null;
}

export type NewUserInput = { username: string; password: string; role: string; workNo?: string | null };

export async function createUser(
  db: Db,
  input: NewUserInput,
  m: UserMessages = englishUserMessages,
): Promise<UserResult<UserSummary>> {
  const { usernameSchema, roleSchema, workNoSchema, newPasswordSchema } = m.schemas;
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) return invalid(firstIssue(username.error));
  const role = roleSchema.safeParse(input.role);
  if (!role.success) return invalid(firstIssue(role.error));
  const workNo = workNoSchema.safeParse(input.workNo ?? null);
  if (!workNo.success) return invalid(firstIssue(workNo.error));
  const password = newPasswordSchema.safeParse(input.password);
  if (!password.success) return invalid(firstIssue(password.error));
  const passwordHash = await hashPassword(password.data);
  const rows = await db
    .insert(users)
    .values({ username: username.data, passwordHash, role: role.data, workNo: workNo.data })
    .onConflictDoNothing({ target: users.username })
    .returning(summary);
  const row = rows[0];
  if (!row) return { ok: false, code: "exists", message: m.exists(username.data) };
  return { ok: true, value: row };
}

/** Another enabled admin must remain, or nobody could manage accounts from the page. */
async function isLastAdmin(db: Db, user: UserSummary): Promise<boolean> {
  if (user.role !== "admin" || user.disabled) return false;
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, user.id)));
  return (rows[0]?.n ?? 0) === 0;
}

const lastAdmin = (m: UserMessages) => ({ ok: false, code: "last_admin", message: m.lastAdmin }) as const;

/** Change a user's row (and its updatedAt); the user as it is now, or not found if it went meanwhile. */
async function updateUser(
  db: Db,
  user: UserSummary,
  values: Partial<Pick<typeof users.$inferInsert, "disabled" | "passwordHash" | "role" | "workNo">>,
  m: UserMessages,
): Promise<UserResult<UserSummary>> {
  const rows = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, user.id))
    .returning(summary);
  const row = rows[0];
  return row ? { ok: true, value: row } : notFound(user.username, m);
}

/** Disabling ends the user's sessions in the same step: they are signed out at once. */
export async function setUserDisabled(
  db: Db,
  username: string,
  disabled: boolean,
  m: UserMessages = englishUserMessages,
): Promise<UserResult<UserSummary>> {
  const user = await findUser(db, username);
  if (!user) return notFound(username, m);
  if (disabled && (await isLastAdmin(db, user))) return lastAdmin(m);
  const result = await updateUser(db, user, { disabled }, m);
  if (disabled) await endUserSessions(db, user.id);
  return result;
}

/** A new password ends every session of the user, including any an attacker held. */
export async function setUserPassword(
  db: Db,
  username: string,
  newPassword: string,
  m: UserMessages = englishUserMessages,
): Promise<UserResult<UserSummary>> {
  const password = m.schemas.newPasswordSchema.safeParse(newPassword);
  if (!password.success) return invalid(firstIssue(password.error));
  const user = await findUser(db, username);
  if (!user) return notFound(username, m);
  const passwordHash = await hashPassword(password.data);
  const result = await updateUser(db, user, { passwordHash }, m);
  await endUserSessions(db, user.id);
  return result;
}

/** Sessions read the role on every request, so a new role applies at the next request. */
export async function setUserRole(
  db: Db,
  username: string,
  role: string,
  m: UserMessages = englishUserMessages,
): Promise<UserResult<UserSummary>> {
  const parsed = m.schemas.roleSchema.safeParse(role);
  if (!parsed.success) return invalid(firstIssue(parsed.error));
  const user = await findUser(db, username);
  if (!user) return notFound(username, m);
  if (parsed.data !== "admin" && (await isLastAdmin(db, user))) return lastAdmin(m);
  return updateUser(db, user, { role: parsed.data }, m);
}

export async function setUserWorkNo(
  db: Db,
  username: string,
  workNo: string | null,
  m: UserMessages = englishUserMessages,
): Promise<UserResult<UserSummary>> {
  const parsed = m.schemas.workNoSchema.safeParse(workNo);
  if (!parsed.success) return invalid(firstIssue(parsed.error));
  const user = await findUser(db, username);
  if (!user) return notFound(username, m);
  return updateUser(db, user, { workNo: parsed.data }, m);
}

export type DemoAccount = { username: string; password: string; role: Role; created: boolean };

const demoAccounts = [
  { username: "agent1", password: "agent1-demo-pass", role: "agent", workNo: "10001" },
  { username: "super1", password: "super1-demo-pass", role: "supervisor", workNo: null },
  { username: "admin1", password: "admin1-demo-pass", role: "admin", workNo: null },
] as const;

/**
 * The demo's three accounts, created when missing. An existing account is left as it is
 * (its password may have been changed on purpose); `created` says which were made now.
 */
export async function ensureDemoUsers(db: Db): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  for (const account of demoAccounts) {
    const result = await createUser(db, account);
    if (!result.ok && result.code !== "exists")
      throw new Error(`demo user ${account.username}: ${result.message}`);
    out.push({
      username: account.username,
      password: account.password,
      role: account.role,
      created: result.ok,
    });
  }
  return out;
}
