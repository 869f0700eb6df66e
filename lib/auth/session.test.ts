import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sessions } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import {
  createSession,
  deleteSession,
  endUserSessions,
  resolveSessionSecret,
  sessionCookieOptions,
  signSessionId,
  unsignSessionToken,
  validateSession,
} from "./session";
import { createUser, ensureDemoUsers, setUserDisabled, setUserPassword, setUserRole } from "./users";

const secret = "s".repeat(40);
const config = { secret, ttlHours: 12 };
const t0 = new Date("2025-03-01T08:00:00Z");
const hoursLater = (h: number) => new Date(t0.getTime() + h * 3600_000);

describe("sessionCookieOptions", () => {
  it("is HttpOnly, SameSite=Lax, Path=/, and Secure only when asked", () => {
    expect(sessionCookieOptions(true, 3600)).toEqual({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: true,
      maxAge: 3600,
    });
    expect(sessionCookieOptions(false, 60).secure).toBe(false);
    expect(sessionCookieOptions(false, 0).maxAge).toBe(0);
  });
});

describe("session token signing", () => {
  const id = Buffer.alloc(32, 7).toString("base64url");
  it("round-trips with the right secret only", () => {
    const token = signSessionId(id, secret);
    expect(unsignSessionToken(token, secret)).toBe(id);
    expect(unsignSessionToken(token, "t".repeat(40))).toBeNull();
  });
  it("refuses a changed id, a changed signature and junk", () => {
    const token = signSessionId(id, secret);
    const otherId = Buffer.alloc(32, 8).toString("base64url");
    expect(unsignSessionToken(`${otherId}.${token.split(".")[1]}`, secret)).toBeNull();
    expect(unsignSessionToken(`${id}.${"A".repeat(43)}`, secret)).toBeNull();
    for (const junk of ["", ".", id, `${token}.x`, `${token}x`])
      expect(unsignSessionToken(junk, secret)).toBeNull();
  });
});

describe.each(testBackends())("sessions on $kind", ({ open }) => {
  let t: TestDatabase;
  let userId: number;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE users, sessions, app_secrets RESTART IDENTITY CASCADE`);
    const created = await createUser(t.db, {
      username: "agent7",
      password: "agent7-password",
      role: "agent",
      workNo: "10007",
    });
    if (!created.ok) throw new Error(created.message);
    userId = created.value.id;
  });

  const sessionCount = async () =>
    (await t.db.select({ n: sql<number>`count(*)::int` }).from(sessions))[0]?.n;

  it("creates a session that validates to the user, and stores only a hash of its id", async () => {
    const s = await createSession(t.db, userId, config, t0);
    expect(s.maxAgeS).toBe(12 * 3600);
    expect(s.expiresAt).toEqual(hoursLater(12));
    expect(await validateSession(t.db, s.token, secret, hoursLater(1))).toEqual({
      id: userId,
      username: "agent7",
      role: "agent",
      workNo: "10007",
    });
    const rows = await t.db.select().from(sessions);
    expect(rows).toHaveLength(1);
    const id = s.token.split(".")[0] ?? "";
    expect(rows[0]?.idHash).not.toContain(id);
    expect(rows[0]?.idHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a token signed with another secret, a forged one, and none", async () => {
    const s = await createSession(t.db, userId, config, t0);
    expect(await validateSession(t.db, s.token, "x".repeat(40), hoursLater(1))).toBeNull();
    expect(
      await validateSession(
        t.db,
        signSessionId(Buffer.alloc(32).toString("base64url"), secret),
        secret,
        hoursLater(1),
      ),
    ).toBeNull();
    expect(await validateSession(t.db, undefined, secret, hoursLater(1))).toBeNull();
  });

  it("expires at its TTL", async () => {
    const s = await createSession(t.db, userId, { secret, ttlHours: 2 }, t0);
    expect(await validateSession(t.db, s.token, secret, hoursLater(1.99))).not.toBeNull();
    expect(await validateSession(t.db, s.token, secret, hoursLater(2))).toBeNull();
    expect(await validateSession(t.db, s.token, secret, hoursLater(3))).toBeNull();
  });

  it("sweeps expired rows when a new session is made", async () => {
    await createSession(t.db, userId, { secret, ttlHours: 1 }, t0);
    await createSession(t.db, userId, { secret, ttlHours: 1 }, hoursLater(5));
    expect(await sessionCount()).toBe(1);
  });

  it("sign-out ends that session at once and leaves the user's others", async () => {
    const a = await createSession(t.db, userId, config, t0);
    const b = await createSession(t.db, userId, config, t0);
    await deleteSession(t.db, a.token, secret);
    expect(await validateSession(t.db, a.token, secret, hoursLater(1))).toBeNull();
    expect(await validateSession(t.db, b.token, secret, hoursLater(1))).not.toBeNull();
  });

  it("a password change ends every session of the user at once", async () => {
    const a = await createSession(t.db, userId, config, t0);
    const b = await createSession(t.db, userId, config, t0);
    const result = await setUserPassword(t.db, "agent7", "a brand new password");
    expect(result.ok).toBe(true);
    expect(await validateSession(t.db, a.token, secret, hoursLater(1))).toBeNull();
    expect(await validateSession(t.db, b.token, secret, hoursLater(1))).toBeNull();
    expect(await sessionCount()).toBe(0);
  });

  it("disabling ends the user's sessions at once, and enabling does not bring them back", async () => {
    const other = await createUser(t.db, { username: "agent8", password: "agent8-password", role: "agent" });
    if (!other.ok) throw new Error(other.message);
    const mine = await createSession(t.db, userId, config, t0);
    const theirs = await createSession(t.db, other.value.id, config, t0);
    expect((await setUserDisabled(t.db, "agent7", true)).ok).toBe(true);
    expect(await validateSession(t.db, mine.token, secret, hoursLater(1))).toBeNull();
    expect(await validateSession(t.db, theirs.token, secret, hoursLater(1))).not.toBeNull();
    expect((await setUserDisabled(t.db, "agent7", false)).ok).toBe(true);
    expect(await validateSession(t.db, mine.token, secret, hoursLater(1))).toBeNull();
  });

  it("a disabled flag set behind the service's back still refuses the session", async () => {
    const s = await createSession(t.db, userId, config, t0);
    await t.db.execute(sql`UPDATE users SET disabled = true WHERE id = ${userId}`);
    expect(await validateSession(t.db, s.token, secret, hoursLater(1))).toBeNull();
  });

  it("a new role applies to an existing session at its next request", async () => {
    const s = await createSession(t.db, userId, config, t0);
    expect((await setUserRole(t.db, "agent7", "supervisor")).ok).toBe(true);
    expect((await validateSession(t.db, s.token, secret, hoursLater(1)))?.role).toBe("supervisor");
  });

  it("endUserSessions says how many it ended", async () => {
    await createSession(t.db, userId, config, t0);
    await createSession(t.db, userId, config, t0);
    expect(await endUserSessions(t.db, userId)).toBe(2);
    expect(await sessionCount()).toBe(0);
  });

  it("uses SESSION_SECRET when set, else one generated secret kept in the database", async () => {
    expect(await resolveSessionSecret(t.db, "c".repeat(32))).toBe("c".repeat(32));
    const [a, b] = await Promise.all([
      resolveSessionSecret(t.db, undefined),
      resolveSessionSecret(t.db, undefined),
    ]);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect(await resolveSessionSecret(t.db, undefined)).toBe(a);
  });

  it("keeps the last enabled admin: it cannot be disabled or demoted", async () => {
    await ensureDemoUsers(t.db);
    const disabled = await setUserDisabled(t.db, "admin1", true);
    expect(disabled).toMatchObject({ ok: false, code: "last_admin" });
    const demoted = await setUserRole(t.db, "admin1", "supervisor");
    expect(demoted).toMatchObject({ ok: false, code: "last_admin" });
    expect((await setUserRole(t.db, "super1", "admin")).ok).toBe(true);
    expect((await setUserDisabled(t.db, "admin1", true)).ok).toBe(true);
  });

  it("ensureDemoUsers creates the three accounts once and can sign them in", async () => {
    const first = await ensureDemoUsers(t.db);
    expect(first.map((a) => [a.username, a.role, a.created])).toEqual([
      ["agent1", "agent", true],
      ["super1", "supervisor", true],
      ["admin1", "admin", true],
    ]);
    for (const a of first) expect(a.password.length).toBeGreaterThanOrEqual(10);
    const second = await ensureDemoUsers(t.db);
    expect(second.every((a) => !a.created)).toBe(true);
  });

  it("refuses a duplicate username (in any case), a short password and a bad work number", async () => {
    expect(
      await createUser(t.db, { username: "AGENT7", password: "another-password", role: "agent" }),
    ).toMatchObject({
      ok: false,
      code: "exists",
    });
    expect(await createUser(t.db, { username: "short", password: "123456789", role: "agent" })).toMatchObject(
      {
        ok: false,
        code: "invalid",
        message: "The password must be at least 10 characters",
      },
    );
    expect(
      await createUser(t.db, { username: "wn", password: "long-enough-pw", role: "agent", workNo: "12a" }),
    ).toMatchObject({ ok: false, code: "invalid" });
    expect(
      await createUser(t.db, { username: "rl", password: "long-enough-pw", role: "boss" }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
    });
  });
});
