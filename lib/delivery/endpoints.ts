import "server-only";
import { timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { BreakerState } from "./breaker";
import { renderMetrics } from "./metrics";

/**
 * The logic of /api/health, /api/ready and /api/metrics, with what they need passed in so
 * tests can call them; the route files only wire in the process's database and settings.
 */

export function healthResponse(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}

const journalSchema = z.object({ entries: z.array(z.object({ tag: z.string(), when: z.number() })) });

/** The newest migration the code ships, from drizzle's journal. */
async function newestMigration(folder: string): Promise<{ tag: string; when: number } | null> {
  const journal = journalSchema.parse(
    JSON.parse(await readFile(path.join(folder, "meta", "_journal.json"), "utf8")),
  );
  return journal.entries.at(-1) ?? null;
}

export type Readiness = {
  ready: boolean;
  /** "not writable": it answers reads but a write fails (disk full, read-only, …). */
  database: "ok" | "unreachable" | "not writable";
  migrations: "applied" | "pending" | "unknown";
  breaker: BreakerState;
};

/**
 * A real, committed write: a database that answers `select 1` may still refuse every write
 * (disk full, a read-only replica or file system), and an instance that cannot record an
 * outcome is not ready. One row of rate_limits, under a key no limit uses, is rewritten.
 */
async function checkWritable(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into rate_limits (key, count, reset_at) values ('ready:write-check', 0, now())
          on conflict (key) do update set reset_at = now()`,
    );
  });
}

/**
 * Ready: the database answers, accepts a write, and carries the newest migration the code ships. The
 * breaker's state is reported but does not make the instance unready: agents can still
 * record outcomes while iSales is down (they wait queued), so a load balancer must not
 * take the instance away for it.
 */
export async function checkReadiness(deps: {
  db: () => Promise<Db>;
  breaker: () => BreakerState;
  migrationsFolder?: string;
}): Promise<Readiness> {
  const breaker = deps.breaker();
  let db: Db;
  try {
    db = await deps.db();
    await db.execute(sql`select 1`);
  } catch {
    return { ready: false, database: "unreachable", migrations: "unknown", breaker };
  }
  try {
    await checkWritable(db);
  } catch {
    return { ready: false, database: "not writable", migrations: "unknown", breaker };
  }
  let migrations: Readiness["migrations"] = "unknown";
  try {
    const newest = await newestMigration(deps.migrationsFolder ?? path.resolve(process.cwd(), "drizzle"));
    // drizzle's migrator records each applied migration's journal time as created_at.
    const result = await db.execute(
      sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`,
    );
    const rows = z.object({ rows: z.array(z.object({ at: z.string().nullable() })) }).parse(result).rows;
    const applied = Number(rows[0]?.at ?? Number.NaN);
    migrations = newest === null || applied >= newest.when ? "applied" : "pending";
  } catch {
    migrations = "pending";
  }
  return { ready: migrations === "applied", database: "ok", migrations, breaker };
}

export async function readyResponse(deps: Parameters<typeof checkReadiness>[0]): Promise<Response> {
  const readiness = await checkReadiness(deps);
  return Response.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** 404 unless enabled (the endpoint does not exist then); 401 without the right bearer token. */
export async function metricsResponse(
  request: Request,
  config: { enabled: boolean; token: string | undefined },
): Promise<Response> {
  if (!config.enabled) return new Response("Not found\n", { status: 404 });
  if (config.token !== undefined) {
    const header = request.headers.get("authorization") ?? "";
    const given = header.replace(/^Bearer\s+/i, "");
    if (!header.match(/^Bearer\s+/i) || !sameSecret(given, config.token)) {
      return new Response("Unauthorized\n", { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
    }
  }
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
