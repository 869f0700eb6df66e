import { createHmac } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { signInSettingsSchema } from "@/lib/settings";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import {
  groupsOf,
  identityFromClaims,
  type OidcSettings,
  oidcEnabled,
  openFlow,
  provisionUser,
  roleFromGroups,
} from "./oidc";
import { signIn } from "./sign-in";
import { createUser, setUserDisabled } from "./users";

function settingsFrom(env: Record<string, string>): OidcSettings {
  const s = signInSettingsSchema.parse(env);
  if (!oidcEnabled(s)) throw new Error("not enabled");
  return s;
}

const s = settingsFrom({
  OIDC_ISSUER: "https://idp.example.com",
  OIDC_CLIENT_ID: "desk",
  OIDC_CLIENT_SECRET: "secret",
  APP_URL: "https://desk.example.com/",
  OIDC_ROLE_GROUPS: "agent=cc-agents|outbound, supervisor=cc-leads, admin=it",
  OIDC_WORKNO_CLAIM: "work_no",
});

describe("company sign-in settings", () => {
  it("reads the role map, trims APP_URL, and needs the client and APP_URL once OIDC_ISSUER is set", () => {
    expect(s.OIDC_ROLE_GROUPS).toEqual({
      agent: ["cc-agents", "outbound"],
      supervisor: ["cc-leads"],
      admin: ["it"],
    });
    expect(s.APP_URL).toBe("https://desk.example.com");
    const r = signInSettingsSchema.safeParse({ OIDC_ISSUER: "https://idp.example.com" });
    expect(r.success).toBe(false);
    const named = r.error?.issues.map((i) => i.path.join(".")).sort();
    expect(named).toEqual(["APP_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ROLE_GROUPS"]);
  });

  it("refuses a role map it cannot read, and local sign-in off with nothing else to sign in with", () => {
    const bad = signInSettingsSchema.safeParse({ ...envOf(s), OIDC_ROLE_GROUPS: "boss=x" });
    expect(bad.error?.issues[0]?.message).toMatch(/OIDC_ROLE_GROUPS: "boss=x" is not role=group/);
    const nobody = signInSettingsSchema.safeParse({ LOCAL_SIGN_IN: "false" });
    expect(nobody.error?.issues[0]?.message).toMatch(/nobody could sign in/);
  });
});

function envOf(settings: OidcSettings): Record<string, string> {
  return {
    OIDC_ISSUER: settings.OIDC_ISSUER,
    OIDC_CLIENT_ID: settings.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: settings.OIDC_CLIENT_SECRET,
    APP_URL: settings.APP_URL,
  };
}

describe("groups and roles", () => {
  it.each([
    [["cc-agents"], "agent"],
    [["outbound", "staff"], "agent"],
    [["cc-agents", "cc-leads"], "supervisor"],
    [["it", "cc-agents"], "admin"],
    [["staff"], null],
    [[], null],
  ] as const)("%j → %s", (groups, role) => {
    expect(roleFromGroups([...groups], s.OIDC_ROLE_GROUPS)).toBe(role);
  });

  it("reads a groups claim as a list or as one string", () => {
    expect(groupsOf(["a", "b", 3])).toEqual(["a", "b"]);
    expect(groupsOf("a, b c")).toEqual(["a", "b", "c"]);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf({ a: 1 })).toEqual([]);
  });

  it("takes the username, role and work number from the claims; refuses what it cannot use", () => {
    const ok = identityFromClaims(
      { sub: "42", preferred_username: "Ada", groups: ["cc-agents"], work_no: "1001" },
      s,
    );
    expect(ok).toEqual({
      ok: true,
      identity: { subject: "https://idp.example.com 42", username: "ada", role: "agent", workNo: "1001" },
    });
    expect(identityFromClaims({ sub: "42", preferred_username: "ada", groups: [] }, s)).toEqual({
      ok: false,
      reason: "no_role",
    });
    for (const claims of [
      { preferred_username: "ada", groups: ["cc-agents"] },
      { sub: "42", preferred_username: "a d a", groups: ["cc-agents"] },
      { sub: "42", preferred_username: "ada", groups: ["cc-agents"], work_no: "12ab" },
    ]) {
      expect(identityFromClaims(claims, s)).toEqual({ ok: false, reason: "bad_claims" });
    }
  });
});

describe("the flow's cookie", () => {
  const secret = "s".repeat(40);
  const flow = {
    state: "x".repeat(20),
    nonce: "y".repeat(20),
    verifier: "v".repeat(43),
    next: "/calls/3",
    exp: 2_000,
  };
  const sealed = () => {
    // The same sealing beginSignIn does, through openFlow's own format.
    const payload = Buffer.from(JSON.stringify(flow)).toString("base64url");
    const mac = createHmac("sha256", secret).update(`oidc-flow:${payload}`).digest("base64url");
    return `${payload}.${mac}`;
  };

  it("opens when signed with the secret and in time; not when forged, re-signed or late", () => {
    expect(openFlow(sealed(), secret, 1_000_000)).toEqual(flow);
    expect(openFlow(sealed(), "t".repeat(40), 1_000_000)).toBeNull();
    expect(openFlow(sealed(), secret, 2_001_000)).toBeNull();
    const [payload, mac] = sealed().split(".");
    const other = Buffer.from(JSON.stringify({ ...flow, next: "//evil.example" })).toString("base64url");
    expect(openFlow(`${other}.${mac}`, secret, 1_000_000)).toBeNull();
    expect(openFlow(`${payload}`, secret, 1_000_000)).toBeNull();
    expect(openFlow(undefined, secret, 1_000_000)).toBeNull();
  });
});

describe.each(testBackends())("company users on $kind", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE users, sessions, rate_limits RESTART IDENTITY CASCADE`);
  });

  const ada = {
    subject: "https://idp.example.com 42",
    username: "ada",
    role: "agent" as const,
    workNo: "1001",
  };

  it("creates the user on first sign-in, with no usable password, and finds it by subject after a rename", async () => {
    const first = await provisionUser(t.db, ada);
    expect(first).toMatchObject({ ok: true, user: { username: "ada", role: "agent", workNo: "1001" } });
    const [row] = await t.db.select().from(users);
    expect(row?.passwordHash).toBe("!oidc");
    const local = await signIn(
      t.db,
      { username: "ada", password: "!oidc", address: "10.0.0.1" },
      {
        secret: "k".repeat(40),
        ttlHours: 1,
      },
    );
    expect(local.ok).toBe(false);
    // Moved to the supervisors, renamed at the provider: the same account, the new role.
    const again = await provisionUser(t.db, { ...ada, username: "ada.l", role: "supervisor", workNo: null });
    expect(again).toMatchObject({
      ok: true,
      user: { id: 1, username: "ada", role: "supervisor", workNo: "1001" },
    });
    expect(await t.db.select().from(users)).toHaveLength(1);
  });

  it("never takes over a local account of the same name, and refuses a disabled user", async () => {
    await createUser(t.db, { username: "ada", password: "local-password", role: "admin" });
    expect(await provisionUser(t.db, ada)).toEqual({ ok: false, reason: "name_taken" });
    await t.db.execute(sql`TRUNCATE users RESTART IDENTITY CASCADE`);
    await provisionUser(t.db, ada);
    await setUserDisabled(t.db, "ada", true);
    expect(await provisionUser(t.db, ada)).toEqual({ ok: false, reason: "disabled" });
  });
});

describe.each(testBackends())("local sign-in switched off on $kind", ({ open }) => {
  let t: TestDatabase;
  const saved = { ...process.env };
  const cache = globalThis as { __previewDeskSignInSettings?: unknown };
  beforeAll(async () => {
    t = await open();
    await createUser(t.db, { username: "agent1", password: "right-password", role: "agent" });
    Object.assign(process.env, envOf(s), { OIDC_ROLE_GROUPS: "agent=a", LOCAL_SIGN_IN: "false" });
    cache.__previewDeskSignInSettings = undefined;
  });
  afterAll(async () => {
    for (const key of [
      "OIDC_ISSUER",
      "OIDC_CLIENT_ID",
      "OIDC_CLIENT_SECRET",
      "APP_URL",
      "OIDC_ROLE_GROUPS",
      "LOCAL_SIGN_IN",
    ])
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    cache.__previewDeskSignInSettings = undefined;
    await t?.destroy();
  });

  it("refuses the right password with a message that says why", async () => {
    const r = await signIn(
      t.db,
      { username: "agent1", password: "right-password", address: "10.0.0.1" },
      {
        secret: "k".repeat(40),
        ttlHours: 1,
      },
    );
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/switched off/) });
  });
});
