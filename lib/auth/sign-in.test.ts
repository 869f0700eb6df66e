import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { validateSession } from "./session";
import { SIGN_IN_LIMITS, signIn, WRONG_CREDENTIALS } from "./sign-in";
import { createUser, setUserDisabled } from "./users";

const config = { secret: "k".repeat(40), ttlHours: 12 };
const t0 = new Date("2025-03-01T08:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const { perUsername, perAddress, windowMs } = SIGN_IN_LIMITS;

describe.each(testBackends())("sign-in on $kind", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE users, sessions, rate_limits RESTART IDENTITY CASCADE`);
    const created = await createUser(t.db, { username: "agent1", password: "right-password", role: "agent" });
    if (!created.ok) throw new Error(created.message);
  });

  const attempt = (username: string, password: string, address = "10.0.0.1", now = t0) =>
    signIn(t.db, { username, password, address }, config, now);

  it("signs in with the right password (username in any case) and opens a valid session", async () => {
    const r = await attempt("  Agent1 ", "right-password");
    if (!r.ok) throw new Error(r.message);
    expect(r.user).toMatchObject({ username: "agent1", role: "agent" });
    expect(await validateSession(t.db, r.session.token, config.secret, later(1000))).toMatchObject({
      username: "agent1",
    });
  });

  it("takes a NUL or control character in the username or password as a failed sign-in, not a database error", async () => {
    for (const [username, password] of [
      ["agent1\u0000", "right-password"],
      ["agent1", "right-password\u0000"],
      ["agent1\u0085", "right-password"],
    ] as const) {
      expect(await attempt(username, password)).toMatchObject({ ok: false, reason: "invalid" });
    }
    const counted = await t.db.execute(sql`SELECT count(*)::int AS n FROM rate_limits`);
    expect((counted as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    expect(
      await createUser(t.db, { username: "nul", password: "long-enough\u0000pw", role: "agent" }),
    ).toMatchObject({
      ok: false,
    });
  });

  it("gives one answer for a wrong password, an unknown user and a disabled account", async () => {
    const wrong = await attempt("agent1", "wrong-password");
    const unknown = await attempt("nobody", "right-password");
    await setUserDisabled(t.db, "agent1", true);
    const disabled = await attempt("agent1", "right-password");
    for (const r of [wrong, unknown, disabled]) {
      expect(r).toEqual({ ok: false, reason: "invalid", message: WRONG_CREDENTIALS });
    }
  });

  it(`allows ${perUsername} failures per username, then refuses even the right password until the window ends`, async () => {
    for (let i = 0; i < perUsername; i++) {
      expect(await attempt("agent1", `wrong-${i}`, `10.0.1.${i}`)).toMatchObject({ reason: "invalid" });
    }
    const blocked = await attempt("agent1", "right-password", "10.0.2.1", later(60_000));
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (blocked.ok || blocked.reason !== "rate_limited") throw new Error("expected a rate limit");
    expect(blocked.retryAfterS).toBe((windowMs - 60_000) / 1000);
    expect(blocked.message).toBe(`Too many attempts: try again in ${blocked.retryAfterS} seconds.`);
    // Another account from the same addresses is not affected.
    await createUser(t.db, { username: "agent2", password: "agent2-password", role: "agent" });
    expect((await attempt("agent2", "agent2-password", "10.0.2.1", later(60_000))).ok).toBe(true);
    // A new window: the right password works again.
    expect((await attempt("agent1", "right-password", "10.0.2.1", later(windowMs))).ok).toBe(true);
  });

  it("a success clears the username's failures", async () => {
    for (let i = 0; i < perUsername - 1; i++) await attempt("agent1", "wrong-password");
    expect((await attempt("agent1", "right-password")).ok).toBe(true);
    for (let i = 0; i < perUsername - 1; i++) await attempt("agent1", "wrong-password");
    expect((await attempt("agent1", "right-password")).ok).toBe(true);
  });

  it(`allows ${perAddress} failures per address across usernames, then refuses that address only`, async () => {
    for (let i = 0; i < perAddress; i++) {
      expect(await attempt(`guess${i}`, "wrong-password", "192.0.2.9")).toMatchObject({ reason: "invalid" });
    }
    const blocked = await attempt("agent1", "right-password", "192.0.2.9", later(1000));
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await attempt("agent1", "right-password", "192.0.2.10", later(1000))).ok).toBe(true);
  });

  it("counts parallel guesses exactly: no more than the limit are checked", async () => {
    const results = await Promise.all(
      Array.from({ length: perUsername + 4 }, (_, i) =>
        attempt("agent1", `parallel-${i}`, `198.51.100.${i}`),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(perUsername);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(4);
  });

  it("refuses input of the wrong shape as a plain failure", async () => {
    expect(await signIn(t.db, { username: 42, password: null, address: "x" }, config, t0)).toMatchObject({
      ok: false,
      reason: "invalid",
    });
  });
});
