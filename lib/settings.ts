import "server-only";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { isTimeZone } from "@/lib/validation/time-zone";

/**
 * Every setting Preview Desk reads, parsed once. Nothing else in the code base reads
 * process.env for these: import `settings()` instead. A missing or wrong setting stops the
 * program with a message that names it and says what would be right.
 */

const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalString = z.preprocess(blankToUndefined, z.string().optional());

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${name} must be a whole number` })
      .int(`${name} must be a whole number`)
      .min(min, `${name} must be at least ${min}`)
      .max(max, `${name} must be at most ${max}`)
      .default(fallback),
  );

const settingsShape = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Folder of the embedded PGlite database; used when DATABASE_URL is not set. */
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")),
  /** postgres://… : run on PostgreSQL instead of the embedded database. */
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
  ),
  ISALES_BASE_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ error: "ISALES_BASE_URL must be an http(s) address such as https://service.besclouds.com" })
      .refine((v) => /^https?:\/\//.test(v), "ISALES_BASE_URL must start with http:// or https://")
      .transform((v) => v.replace(/\/+$/, "")),
  ),
  ISALES_TOKEN: optionalString,
  ISALES_USER: optionalString,
  ISALES_PASSWORD: optionalString,
  ISALES_AUTH_HEADER: z.preprocess(
    blankToUndefined,
    z
      .enum(["Authorization", "Authentication"], {
        error: "ISALES_AUTH_HEADER must be Authorization or Authentication",
      })
      .default("Authorization"),
  ),
  ISALES_TIMEOUT_MS: wholeNumber("ISALES_TIMEOUT_MS", 100, 120_000, 5000),
  ISALES_TIME_ZONE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(isTimeZone, "ISALES_TIME_ZONE must be an IANA time zone name such as UTC or Asia/Shanghai")
      .default("UTC"),
  ),
  /** The call centre (subCCNo) and VCC (vdnId) whose tasks Preview Desk works. */
  ISALES_SUB_CC_NO: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "ISALES_SUB_CC_NO must be a whole number" }).int().min(0).optional(),
  ),
  ISALES_VDN_ID: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "ISALES_VDN_ID must be a whole number from 1 to 9999" })
      .int("ISALES_VDN_ID must be a whole number from 1 to 9999")
      .min(1, "ISALES_VDN_ID must be a whole number from 1 to 9999")
      .max(9999, "ISALES_VDN_ID must be a whole number from 1 to 9999")
      .optional(),
  ),
  /** Seconds before a token's stated expiry at which the client refreshes it. */
  ISALES_REFRESH_MARGIN_S: wholeNumber("ISALES_REFRESH_MARGIN_S", 0, 3600, 30),
  /** JSON file with the status, failure-code and device-type catalogues. */
  CATALOGUE_FILE: z.preprocess(blankToUndefined, z.string().default("config/catalogue.json")),
  /**
   * What the call page's "Dial" button does besides stamping the call's start: open the
   * number as a tel: link (a softphone or a phone linked to the computer takes it), copy it
   * for pasting into a softphone, both, or nothing more ("stamp").
   */
  DIAL_ACTION: z.preprocess(
    blankToUndefined,
    z
      .enum(["tel", "copy", "tel+copy", "stamp"], {
        error: "DIAL_ACTION must be tel, copy, tel+copy or stamp",
      })
      .default("tel"),
  ),
  /** Durable delivery (lib/delivery): backoff of transient failures, then attention. */
  DELIVERY_FIRST_DELAY_MS: wholeNumber("DELIVERY_FIRST_DELAY_MS", 1, 3_600_000, 1000),
  DELIVERY_MAX_DELAY_MS: wholeNumber("DELIVERY_MAX_DELAY_MS", 1, 86_400_000, 60_000),
  DELIVERY_MAX_ATTEMPTS: wholeNumber("DELIVERY_MAX_ATTEMPTS", 1, 1000, 10),
  DELIVERY_MAX_AGE_S: wholeNumber("DELIVERY_MAX_AGE_S", 1, 30 * 86_400, 3600),
  /** How long a sender's claim on a write-back holds before another sender may take it. */
  DELIVERY_LEASE_S: wholeNumber("DELIVERY_LEASE_S", 5, 3600, 30),
  DELIVERY_POLL_MS: wholeNumber("DELIVERY_POLL_MS", 10, 600_000, 1000),
  /**
   * After a newer write-back is accepted while an older one of its call got no answer (iSales
   * may still apply that one late), the newest is sent once more after this many seconds.
   */
  DELIVERY_CONFIRM_AFTER_S: wholeNumber("DELIVERY_CONFIRM_AFTER_S", 1, 3600, 30),
  DELIVERY_CONCURRENCY: wholeNumber("DELIVERY_CONCURRENCY", 1, 64, 4),
  /** Consecutive transient failures that open the circuit breaker, and its wait before a probe. */
  DELIVERY_BREAKER_FAILURES: wholeNumber("DELIVERY_BREAKER_FAILURES", 1, 1000, 5),
  DELIVERY_BREAKER_HALF_OPEN_MS: wholeNumber("DELIVERY_BREAKER_HALF_OPEN_MS", 10, 3_600_000, 30_000),
  /** The pull from iSales (lib/pull): batch size and low-water mark of a newly chosen task. */
  PULL_BATCH_COUNT: wholeNumber("PULL_BATCH_COUNT", 1, 1000, 50),
  PULL_LOW_WATER: wholeNumber("PULL_LOW_WATER", 0, 100_000, 20),
  /** Least time between two callnos requests for one task (default: at most one a second). */
  PULL_MIN_INTERVAL_MS: wholeNumber("PULL_MIN_INTERVAL_MS", 10, 3_600_000, 1000),
  PULL_POLL_MS: wholeNumber("PULL_POLL_MS", 100, 600_000, 5000),
  /** Backoff after a failed fetch (doubling from the first to the max), and the wait after an empty batch. */
  PULL_BACKOFF_FIRST_MS: wholeNumber("PULL_BACKOFF_FIRST_MS", 10, 3_600_000, 2000),
  PULL_BACKOFF_MAX_MS: wholeNumber("PULL_BACKOFF_MAX_MS", 10, 86_400_000, 300_000),
  PULL_EMPTY_WAIT_MS: wholeNumber("PULL_EMPTY_WAIT_MS", 10, 86_400_000, 60_000),
  /**
   * Days after a call's final write-back is accepted after which its phone numbers and call
   * data are erased (lib/retention/purge.ts); 0, the default, keeps them (off).
   */
  RETENTION_DAYS: wholeNumber("RETENTION_DAYS", 0, 36_500, 0),
  /** Requests per minute each API key may make to /api/v1 (a key may set its own). */
  API_RATE_LIMIT_PER_MIN: wholeNumber("API_RATE_LIMIT_PER_MIN", 1, 1_000_000, 600),
  /** GET /api/metrics answers 404 unless this is true; with METRICS_TOKEN it wants that bearer. */
  METRICS_ENABLED: z.preprocess(
    blankToUndefined,
    z
      .enum(["true", "false", "1", "0"], { error: "METRICS_ENABLED must be true or false" })
      .default("false")
      .transform((v) => v === "true" || v === "1"),
  ),
  METRICS_TOKEN: optionalString,
  /** Signs session cookies (HMAC-SHA256). Unset: one is generated and kept in the database. */
  SESSION_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .min(32, "SESSION_SECRET must be at least 32 characters (for example: openssl rand -hex 32)")
      .optional(),
  ),
  /** How long a sign-in lasts. */
  SESSION_TTL_HOURS: wholeNumber("SESSION_TTL_HOURS", 1, 720, 12),
  /**
   * Addresses (IPs, CIDRs, or loopback / linklocal / uniquelocal) of the reverse proxies in
   * front of the server, comma-separated. Only from these is X-Forwarded-For believed;
   * unset, the client is the socket's peer, whatever it sends.
   */
  TRUSTED_PROXIES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .refine((list) => {
        try {
          proxyaddr.compile(list);
          return true;
        } catch {
          return false;
        }
      }, "TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.1, 192.168.0.0/16), or loopback")
      .default([]),
  ),
  /** Send Strict-Transport-Security: only for a site served over HTTPS (directly or by its proxy). */
  HSTS_ENABLED: z.preprocess(
    blankToUndefined,
    z
      .enum(["true", "false", "1", "0"], { error: "HSTS_ENABLED must be true or false" })
      .default("false")
      .transform((v) => v === "true" || v === "1"),
  ),
  /**
   * Sign-in through the company's identity provider (OpenID Connect, authorization code
   * flow with PKCE). Off unless OIDC_ISSUER is set; then the client id and secret, APP_URL
   * (the dashboard's own address, for the redirect URI APP_URL/auth/oidc/callback) and
   * OIDC_ROLE_GROUPS are required. See README, "Company sign-in (OpenID Connect)".
   */
  OIDC_ISSUER: z.preprocess(
    blankToUndefined,
    z
      .url({
        error: "OIDC_ISSUER must be the identity provider's issuer address, e.g. https://idp.example.com",
      })
      .refine((v) => /^https?:\/\//.test(v), "OIDC_ISSUER must start with http:// or https://")
      .optional(),
  ),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_SCOPES: z.preprocess(blankToUndefined, z.string().default("openid profile email")),
  /** The claim (in the ID token or from userinfo) that lists the user's groups. */
  OIDC_GROUPS_CLAIM: z.preprocess(blankToUndefined, z.string().default("groups")),
  /** The claim that names the user; their Preview Desk username. */
  OIDC_USERNAME_CLAIM: z.preprocess(blankToUndefined, z.string().default("preferred_username")),
  /** The claim that carries the agent's iSales work number, when the provider has one. */
  OIDC_WORKNO_CLAIM: optionalString,
  /**
   * Which group gives which role: `agent=cc-agents,supervisor=cc-leads,admin=it-admins`
   * (several groups per role with `|`). A user in none of them cannot sign in; in several,
   * the highest role wins.
   */
  OIDC_ROLE_GROUPS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v, ctx) => {
        const map: Partial<Record<"agent" | "supervisor" | "admin", string[]>> = {};
        for (const part of v
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)) {
          const m = /^(agent|supervisor|admin)=(.+)$/.exec(part);
          if (!m?.[1] || !m[2]) {
            ctx.addIssue({
              code: "custom",
              message: `OIDC_ROLE_GROUPS: "${part}" is not role=group (roles: agent, supervisor, admin)`,
            });
            return z.NEVER;
          }
          const role = m[1] as "agent" | "supervisor" | "admin";
          map[role] = [
            ...(map[role] ?? []),
            ...m[2]
              .split("|")
              .map((g) => g.trim())
              .filter(Boolean),
          ];
        }
        return map;
      })
      .optional(),
  ),
  /** Button text of the company sign-in on the sign-in page. */
  OIDC_LABEL: optionalString,
  /** The dashboard's own public address (https://desk.example.com), for redirects back to it. */
  APP_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ error: "APP_URL must be the dashboard's public address, e.g. https://desk.example.com" })
      .refine((v) => /^https?:\/\//.test(v), "APP_URL must start with http:// or https://")
      .transform((v) => v.replace(/\/+$/, ""))
      .optional(),
  ),
  /** Local accounts (username and password): on by default; `false` leaves only company sign-in. */
  LOCAL_SIGN_IN: z.preprocess(
    blankToUndefined,
    z
      .enum(["true", "false", "1", "0"], { error: "LOCAL_SIGN_IN must be true or false" })
      .default("true")
      .transform((v) => v === "true" || v === "1"),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
});

type SignInSettingsShape = Pick<
  z.infer<typeof settingsShape>,
  "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "APP_URL" | "OIDC_ROLE_GROUPS" | "LOCAL_SIGN_IN"
>;

function checkSignInSettings(s: SignInSettingsShape, ctx: z.RefinementCtx): void {
  if (s.OIDC_ISSUER !== undefined) {
    const needed = {
      OIDC_CLIENT_ID: s.OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: s.OIDC_CLIENT_SECRET,
      APP_URL: s.APP_URL,
      OIDC_ROLE_GROUPS: s.OIDC_ROLE_GROUPS,
    };
    for (const [name, value] of Object.entries(needed)) {
      if (value === undefined)
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is required when OIDC_ISSUER is set`,
        });
    }
  } else if (!s.LOCAL_SIGN_IN) {
    ctx.addIssue({
      code: "custom",
      path: ["LOCAL_SIGN_IN"],
      message: "LOCAL_SIGN_IN=false needs company sign-in (OIDC_ISSUER): nobody could sign in",
    });
  }
}

export const settingsSchema = settingsShape.superRefine((s, ctx) => {
  checkSignInSettings(s, ctx);
  const hasToken = s.ISALES_TOKEN !== undefined;
  const hasUser = s.ISALES_USER !== undefined || s.ISALES_PASSWORD !== undefined;
  if (hasToken && hasUser) {
    ctx.addIssue({
      code: "custom",
      path: ["ISALES_TOKEN"],
      message: "set either ISALES_TOKEN or ISALES_USER and ISALES_PASSWORD, not both",
    });
  } else if (!hasToken && !hasUser) {
    ctx.addIssue({
      code: "custom",
      path: ["ISALES_TOKEN"],
      message: "set ISALES_TOKEN (a fixed token) or ISALES_USER and ISALES_PASSWORD (log-in)",
    });
  } else if (hasUser && (s.ISALES_USER === undefined || s.ISALES_PASSWORD === undefined)) {
    ctx.addIssue({
      code: "custom",
      path: [s.ISALES_USER === undefined ? "ISALES_USER" : "ISALES_PASSWORD"],
      message: "ISALES_USER and ISALES_PASSWORD go together: set both",
    });
  }
});

export type Settings = z.infer<typeof settingsSchema>;

/**
 * The settings the database and the import command need, without the iSales credentials, so
 * `npm run calls:import` works on a machine that never talks to iSales.
 */
export const databaseSettingsSchema = settingsShape.pick({
  DATA_DIR: true,
  DATABASE_URL: true,
  ISALES_TIME_ZONE: true,
});
export type DatabaseSettings = z.infer<typeof databaseSettingsSchema>;

/** Company sign-in (OpenID Connect) and whether local accounts may sign in. */
export const signInSettingsSchema = settingsShape
  .pick({
    OIDC_ISSUER: true,
    OIDC_CLIENT_ID: true,
    OIDC_CLIENT_SECRET: true,
    OIDC_SCOPES: true,
    OIDC_GROUPS_CLAIM: true,
    OIDC_USERNAME_CLAIM: true,
    OIDC_WORKNO_CLAIM: true,
    OIDC_ROLE_GROUPS: true,
    OIDC_LABEL: true,
    APP_URL: true,
    LOCAL_SIGN_IN: true,
  })
  .superRefine((s, ctx) => checkSignInSettings(s, ctx));
export type SignInSettings = z.infer<typeof signInSettingsSchema>;

/** The session settings only, so the users command runs without the iSales credentials. */
export const authSettingsSchema = settingsShape.pick({ SESSION_SECRET: true, SESSION_TTL_HOURS: true });
export type AuthSettings = z.infer<typeof authSettingsSchema>;

export class SettingsError extends Error {
  override name = "SettingsError";
}

export const webSettingsSchema = settingsShape.pick({
  TRUSTED_PROXIES: true,
  HSTS_ENABLED: true,
  NODE_ENV: true,
});
export type WebSettings = z.infer<typeof webSettingsSchema>;

/** What the purge command needs: the database and the retention, not the iSales credentials. */
export const retentionSettingsSchema = settingsShape.pick({
  DATA_DIR: true,
  DATABASE_URL: true,
  RETENTION_DAYS: true,
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** Parse an environment with a settings schema; throws SettingsError naming every bad setting. */
function parseEnv<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>): T {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join(".") || "settings";
    // Never echo a value back: it may be a secret.
    return `  - ${name}: ${issue.message}`;
  });
  throw new SettingsError(`Preview Desk cannot start, a setting is missing or wrong:\n${lines.join("\n")}`);
}

/** Parse settings from an environment; throws SettingsError naming every bad setting. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  return parseEnv(settingsSchema, env);
}

type KeptSettings = {
  __previewDeskSettings?: Settings;
  __previewDeskDatabaseSettings?: DatabaseSettings;
  __previewDeskWebSettings?: WebSettings;
  __previewDeskAuthSettings?: AuthSettings;
  __previewDeskRetentionSettings?: RetentionSettings;
  __previewDeskSignInSettings?: SignInSettings;
};
// On globalThis: `next start` evaluates server modules more than once.
const kept = globalThis as unknown as KeptSettings;

/** A part of the settings, parsed from process.env on first use and kept. */
function keptOnce<K extends keyof KeptSettings>(key: K, schema: z.ZodType<NonNullable<KeptSettings[K]>>) {
  const value = kept[key] ?? parseEnv(schema, process.env);
  kept[key] = value;
  return value;
}

/** The process's settings, parsed on first use and kept. */
export function settings(): Settings {
  return keptOnce("__previewDeskSettings", settingsSchema);
}

/** DATA_DIR, DATABASE_URL and ISALES_TIME_ZONE only, parsed on first use and kept. */
export function databaseSettings(): DatabaseSettings {
  return keptOnce("__previewDeskDatabaseSettings", databaseSettingsSchema);
}

/** TRUSTED_PROXIES, HSTS_ENABLED and NODE_ENV only, parsed on first use and kept. */
export function webSettings(): WebSettings {
  return keptOnce("__previewDeskWebSettings", webSettingsSchema);
}

/** Company sign-in (OIDC_*, APP_URL) and LOCAL_SIGN_IN only, parsed on first use and kept. */
export function signInSettings(): SignInSettings {
  return keptOnce("__previewDeskSignInSettings", signInSettingsSchema);
}

/** SESSION_SECRET and SESSION_TTL_HOURS only, parsed on first use and kept. */
export function authSettings(): AuthSettings {
  return keptOnce("__previewDeskAuthSettings", authSettingsSchema);
}

/** DATA_DIR, DATABASE_URL and RETENTION_DAYS only, parsed on first use and kept. */
export function retentionSettings(): RetentionSettings {
  return keptOnce("__previewDeskRetentionSettings", retentionSettingsSchema);
}
