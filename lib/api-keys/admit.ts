import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { ApiKey } from "@/lib/db/schema";
import { hashApiKey } from "./keys";

/**
 * A request's key checked and counted in one statement: the key looked up by its hash, a
 * hit counted on its fixed-window rate limit (the same upsert and key as
 * lib/auth/rate-limit.ts: `api-key:<id>`, every instance counting together), and its
 * "last used" stamped at most once a minute when the request is let through. It was three
 * statements, one round trip each, before every /api/v1 request's own query.
 */

export type Admission =
  | { ok: false; message: string }
  | { ok: true; apiKey: ApiKey; limit: number; limited: boolean; retryAfterS: number };

const admitRow = z.object({
  id: z.coerce.number(),
  name: z.string(),
  prefix: z.string(),
  key_hash: z.string(),
  service_ids: z.array(z.string()),
  rate_limit_per_min: z.coerce.number().nullable(),
  created_by: z.coerce.number().nullable(),
  created_at: z.coerce.date(),
  last_used_at: z.coerce.date().nullable(),
  revoked_at: z.coerce.date().nullable(),
  hit_count: z.coerce.number().nullable(),
  hit_reset_at: z.coerce.date().nullable(),
});
const admitRows = z.object({ rows: z.array(admitRow) });

export async function admitApiKey(
  db: Db,
  headers: Headers,
  options: { defaultRateLimitPerMin: number; windowMs: number; now: Date },
): Promise<Admission> {
  const bearer = headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const key = bearer ?? headers.get("x-api-key")?.trim();
  if (!key) return { ok: false, message: "An API key is needed: send it as Authorization: Bearer <key>." };
  const now = options.now.toISOString();
  const newReset = new Date(options.now.getTime() + options.windowMs).toISOString();
  const usedBefore = new Date(options.now.getTime() - 60_000).toISOString();
  // The CTEs see the tables as they were when the statement began: `used` reads the hit's
  // count from `hit`'s RETURNING, not from the table.
  const result = await db.execute(sql`
    WITH k AS (
      SELECT id, name, prefix, key_hash, service_ids, rate_limit_per_min, created_by, created_at,
        last_used_at, revoked_at
      FROM api_keys WHERE key_hash = ${hashApiKey(key)} LIMIT 1
    ), hit AS (
      INSERT INTO rate_limits (key, count, reset_at)
      SELECT 'api-key:' || k.id, 1, ${newReset}::timestamptz FROM k WHERE k.revoked_at IS NULL
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.reset_at <= ${now}::timestamptz THEN 1 ELSE rate_limits.count + 1 END,
        reset_at = CASE WHEN rate_limits.reset_at <= ${now}::timestamptz THEN ${newReset}::timestamptz
          ELSE rate_limits.reset_at END
      RETURNING count, reset_at
    ), used AS (
      UPDATE api_keys SET last_used_at = ${now}::timestamptz FROM k, hit
      WHERE api_keys.id = k.id
        AND hit.count <= coalesce(k.rate_limit_per_min, ${options.defaultRateLimitPerMin}::int)
        AND (k.last_used_at IS NULL OR k.last_used_at < ${usedBefore}::timestamptz)
      RETURNING api_keys.id
    )
    SELECT k.*, hit.count AS hit_count, hit.reset_at AS hit_reset_at FROM k LEFT JOIN hit ON true`);
  const row = admitRows.parse(result).rows[0];
  if (!row) return { ok: false, message: "This API key is not known. Ask an administrator for a key." };
  if (row.revoked_at !== null || row.hit_count === null || row.hit_reset_at === null) {
    return { ok: false, message: "This API key was revoked. Ask an administrator for a new one." };
  }
  const limit = row.rate_limit_per_min ?? options.defaultRateLimitPerMin;
  return {
    ok: true,
    apiKey: {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      keyHash: row.key_hash,
      serviceIds: row.service_ids,
      rateLimitPerMin: row.rate_limit_per_min,
      createdBy: row.created_by,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    },
    limit,
    limited: row.hit_count > limit,
    retryAfterS: Math.max(1, Math.ceil((row.hit_reset_at.getTime() - options.now.getTime()) / 1000)),
  };
}
