import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";

/**
 * Fixed-window counters in the database, so every instance counts together. One atomic
 * upsert counts the hit and opens a new window when the old one is over: two requests at
 * the same moment can never both read the same count.
 */

export type RateLimitHit = { count: number; resetAt: Date; limited: boolean; retryAfterS: number };

export async function hitRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowMs: number,
  now: Date = new Date(),
): Promise<RateLimitHit> {
  const newReset = new Date(now.getTime() + windowMs);
  const expired = sql`${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz`;
  const rows = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt: newReset })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        resetAt: sql`CASE WHEN ${expired} THEN ${newReset.toISOString()}::timestamptz ELSE ${rateLimits.resetAt} END`,
      },
    })
    .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
  const row = rows[0];
  if (!row) throw new Error(`rate limit upsert returned no row for ${key}`);
  const retryAfterS = Math.max(1, Math.ceil((row.resetAt.getTime() - now.getTime()) / 1000));
  return { count: row.count, resetAt: row.resetAt, limited: row.count > limit, retryAfterS };
}

/** Take one hit back (a sign-in that succeeded should not count against its address). */
export async function undoRateLimitHit(db: Db, key: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`GREATEST(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, key));
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
