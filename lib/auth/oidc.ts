import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import * as oidc from "openid-client";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { type Role, users } from "@/lib/db/schema";
import type { SignInSettings } from "@/lib/settings";
import { usernameSchema, workNoSchema } from "./schemas";
import type { SessionUser } from "./session";

/**
 * Sign-in through the company's identity provider: OpenID Connect's authorization code
 * flow with PKCE, state and nonce, through openid-client (panva's certified relying-party
 * library: discovery, PKCE, ID-token and nonce checks done by the book, nothing to hand-roll).
 *
 * The provider only tells us who the user is; the session is ours, as for local accounts
 * (lib/auth/session.ts), so disabling a user still ends it at once. A user is matched on
 * the provider's stable id (`<issuer> <sub>`, users.oidc_subject), never on a name, and the
 * role comes from the groups claim on every sign-in, so a move between groups takes effect
 * at the next sign-in.
 */

/** The short-lived cookie that carries the flow's secrets from start to callback. */
export const OIDC_COOKIE = "pd_oidc";
export const OIDC_COOKIE_PATH = "/auth/oidc";
const FLOW_TTL_S = 10 * 60;

export type OidcSettings = SignInSettings & {
  OIDC_ISSUER: string;
  OIDC_CLIENT_ID: string;
  OIDC_CLIENT_SECRET: string;
  APP_URL: string;
  OIDC_ROLE_GROUPS: Partial<Record<Role, string[]>>;
};

/** The settings when company sign-in is on (the settings schema makes the rest required). */
export function oidcEnabled(s: SignInSettings): s is OidcSettings {
  return (
    s.OIDC_ISSUER !== undefined &&
    s.OIDC_CLIENT_ID !== undefined &&
    s.OIDC_CLIENT_SECRET !== undefined &&
    s.APP_URL !== undefined &&
    s.OIDC_ROLE_GROUPS !== undefined
  );
}

export function redirectUri(s: OidcSettings): string {
  return `${s.APP_URL}/auth/oidc/callback`;
}

const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

const cache = globalThis as unknown as { __previewDeskOidc?: Map<string, Promise<oidc.Configuration>> };

/** The provider's configuration by discovery, once per process (a failed one is retried). */
export async function oidcConfiguration(s: OidcSettings): Promise<oidc.Configuration> {
  cache.__previewDeskOidc ??= new Map();
  const key = `${s.OIDC_ISSUER} ${s.OIDC_CLIENT_ID}`;
  let found = cache.__previewDeskOidc.get(key);
  if (!found) {
    const issuer = new URL(s.OIDC_ISSUER);
    // Plain http only to a provider on this machine (tests, a local IdP); never over a network.
    const options =
      issuer.protocol === "http:" && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {};
    found = oidc.discovery(issuer, s.OIDC_CLIENT_ID, s.OIDC_CLIENT_SECRET, undefined, {
      ...options,
      timeout: 10,
    });
    cache.__previewDeskOidc.set(key, found);
    found.catch(() => cache.__previewDeskOidc?.delete(key));
  }
  return found;
}

const flowSchema = z.object({
  state: z.string().min(16).max(256),
  nonce: z.string().min(16).max(256),
  verifier: z.string().min(43).max(128),
  next: z.string().max(2048),
  exp: z.number().int(),
});
type Flow = z.infer<typeof flowSchema>;

const mac = (payload: string, secret: string) =>
  createHmac("sha256", secret).update(`oidc-flow:${payload}`).digest("base64url");

function seal(flow: Flow, secret: string): string {
  const payload = Buffer.from(JSON.stringify(flow)).toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

/** The flow a cookie carries, or null when it is missing, forged or too old. */
export function openFlow(value: string | undefined, secret: string, now = Date.now()): Flow | null {
  const m = /^([A-Za-z0-9_-]{1,4096})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!m?.[1] || !m[2]) return null;
  const expected = Buffer.from(mac(m[1], secret));
  const given = Buffer.from(m[2]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const flow = flowSchema.safeParse(raw);
  if (!flow.success || flow.data.exp * 1000 < now) return null;
  return flow.data;
}

/** Where to send the browser to sign in, and the cookie that must come back with it. */
export async function beginSignIn(
  s: OidcSettings,
  next: string,
  secret: string,
  now = Date.now(),
): Promise<{ url: string; cookie: string; maxAgeS: number }> {
  const config = await oidcConfiguration(s);
  const verifier = oidc.randomPKCECodeVerifier();
  const flow: Flow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier,
    next,
    exp: Math.floor(now / 1000) + FLOW_TTL_S,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(s),
    scope: s.OIDC_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, cookie: seal(flow, secret), maxAgeS: FLOW_TTL_S };
}

/** Why a company sign-in did not sign anyone in; the sign-in page words each one. */
export type OidcRefusal = "flow" | "denied" | "failed" | "no_role" | "bad_claims" | "disabled" | "name_taken";

/** A groups claim as providers send it: a list, or one string of names split by commas or spaces. */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === "string");
  if (typeof claim === "string") return claim.split(/[\s,]+/u).filter(Boolean);
  return [];
}

const rank: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** The highest role any of the user's groups gives, or null when none does. */
export function roleFromGroups(groups: string[], map: Partial<Record<Role, string[]>>): Role | null {
  let best: Role | null = null;
  for (const [role, names] of Object.entries(map) as [Role, string[]][]) {
    if (names.some((n) => groups.includes(n)) && (best === null || rank[role] > rank[best])) best = role;
  }
  return best;
}

export type OidcIdentity = { subject: string; username: string; role: Role; workNo: string | null };

/** Who the claims say the user is, by the settings' claims and groups. */
export function identityFromClaims(
  claims: Record<string, unknown>,
  s: OidcSettings,
): { ok: true; identity: OidcIdentity } | { ok: false; reason: OidcRefusal } {
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  const username = usernameSchema.safeParse(claims[s.OIDC_USERNAME_CLAIM]);
  if (sub === "" || !username.success) return { ok: false, reason: "bad_claims" };
  const role = roleFromGroups(groupsOf(claims[s.OIDC_GROUPS_CLAIM]), s.OIDC_ROLE_GROUPS);
  if (role === null) return { ok: false, reason: "no_role" };
  let workNo: string | null = null;
  if (s.OIDC_WORKNO_CLAIM !== undefined && claims[s.OIDC_WORKNO_CLAIM] !== undefined) {
    const parsed = workNoSchema.safeParse(String(claims[s.OIDC_WORKNO_CLAIM]));
    if (!parsed.success) return { ok: false, reason: "bad_claims" };
    workNo = parsed.data;
  }
  return {
    ok: true,
    identity: { subject: `${s.OIDC_ISSUER} ${sub}`, username: username.data, role, workNo },
  };
}

/**
 * The user for an identity: found by its subject (role, and work number when the claim
 * carries one, brought up to date), or created. A local account of the same name is never
 * taken over: that sign-in is refused until an admin renames one of them.
 */
export async function provisionUser(
  db: Db,
  identity: OidcIdentity,
): Promise<{ ok: true; user: SessionUser } | { ok: false; reason: OidcRefusal }> {
  return db.transaction(async (tx) => {
    const [known] = await tx.select().from(users).where(eq(users.oidcSubject, identity.subject)).limit(1);
    if (known) {
      if (known.disabled) return { ok: false, reason: "disabled" } as const;
      const [row] = await tx
        .update(users)
        .set({
          role: identity.role,
          ...(identity.workNo !== null ? { workNo: identity.workNo } : {}),
          updatedAt: new Date(),
        })
        .where(eq(users.id, known.id))
        .returning();
      const user = row ?? known;
      return {
        ok: true,
        user: { id: user.id, username: user.username, role: user.role, workNo: user.workNo },
      } as const;
    }
    const [created] = await tx
      .insert(users)
      .values({
        username: identity.username,
        // Not a scrypt hash: no password ever matches it (lib/auth/password.ts).
        passwordHash: "!oidc",
        role: identity.role,
        workNo: identity.workNo,
        oidcSubject: identity.subject,
      })
      .onConflictDoNothing({ target: users.username })
      .returning();
    if (!created) return { ok: false, reason: "name_taken" } as const;
    return {
      ok: true,
      user: { id: created.id, username: created.username, role: created.role, workNo: created.workNo },
    } as const;
  });
}

/**
 * The callback: the code exchanged (PKCE verifier, state and nonce checked by openid-client),
 * the claims read from the ID token and, for what it lacks, from userinfo.
 */
export async function finishSignIn(
  s: OidcSettings,
  callbackSearch: string,
  flow: Flow,
): Promise<
  { ok: true; claims: Record<string, unknown> } | { ok: false; reason: OidcRefusal; detail?: string }
> {
  const params = new URLSearchParams(callbackSearch);
  if (params.has("error")) return { ok: false, reason: "denied", detail: params.get("error") ?? "" };
  const config = await oidcConfiguration(s);
  // The address the provider sent the browser to, as registered: APP_URL, not whatever
  // Host this request came in on behind a proxy.
  const current = new URL(`${redirectUri(s)}?${params.toString()}`);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    // The error's name and code only: never a token or a code.
    const e = error as { name?: string; code?: string; error?: string };
    return { ok: false, reason: "failed", detail: [e.name, e.code, e.error].filter(Boolean).join(" ") };
  }
  const idClaims = (tokens.claims() ?? {}) as Record<string, unknown>;
  let claims: Record<string, unknown> = { ...idClaims };
  const needed = [s.OIDC_GROUPS_CLAIM, s.OIDC_USERNAME_CLAIM, s.OIDC_WORKNO_CLAIM].filter(
    (c): c is string => c !== undefined,
  );
  if (needed.some((c) => claims[c] === undefined) && typeof idClaims.sub === "string") {
    try {
      const info = (await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)) as Record<
        string,
        unknown
      >;
      claims = { ...info, ...idClaims };
    } catch {
      // No userinfo endpoint or it failed: decide on the ID token's claims alone.
    }
  }
  return { ok: true, claims };
}
