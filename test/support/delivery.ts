import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import pino from "pino";
import type { Db } from "@/lib/db";
import { calls, users, writeBacks } from "@/lib/db/schema";
import { type InlineDelivery, inlineDelivery } from "@/lib/delivery/deliver";
import type { DeliveryPolicy } from "@/lib/delivery/policy";
import { createIsalesClient, type IsalesClient } from "@/lib/isales/client";
import type { Simulator } from "@/tools/isales-sim/types";

/**
 * Test support for lib/delivery (not used by the product). The product's log() reads
 * settings, so tests give it a quiet, harmless environment before anything logs.
 */
export function quietSettings(): void {
  process.env.ISALES_BASE_URL ??= "http://127.0.0.1:9";
  process.env.ISALES_TOKEN ??= "unused-in-tests";
  process.env.LOG_LEVEL = "silent";
}

export const tinyPolicy: DeliveryPolicy = {
  firstDelayMs: 5,
  maxDelayMs: 20,
  maxAttempts: 4,
  maxAgeS: 3600,
  leaseS: 30,
};

export const simToken = "delivery-test-token";

export function clientFor(
  sim: Simulator,
  options: { timeoutMs?: number; login?: boolean } = {},
): IsalesClient {
  return createIsalesClient({
    baseUrl: sim.url,
    auth: options.login
      ? { kind: "login", user: sim.options.user, password: sim.options.password }
      : { kind: "token", token: simToken },
    authHeader: "Authorization",
    timeoutMs: options.timeoutMs ?? 2000,
    refreshMarginS: 30,
    logger: pino({ level: "silent" }),
  });
}

let counter = 0;

/** A call ready to take write-backs. */
export async function insertCall(db: Db): Promise<number> {
  counter++;
  const [row] = await db
    .insert(calls)
    .values({
      subCcNo: 1,
      vdnId: 88,
      serviceId: "1251250797",
      uniqueId: `u-${process.pid}-${Date.now()}-${counter}`,
      phoneNumbers: ["88889156"],
      fetchTime: new Date(),
    })
    .returning({ id: calls.id });
  if (!row) throw new Error("call not inserted");
  return row.id;
}

/**
 * A queued write-back whose body carries `tag` in callId, so a test can count in the
 * simulator's received list how often each one went out.
 */
export async function insertWriteBack(db: Db, callId: number, tag: string): Promise<number> {
  const body = JSON.stringify({
    subCCNo: 1,
    vdnId: 88,
    uniqueId: `call-${callId}`,
    serviceId: "1251250797",
    status: "0",
    deviceType: 2,
    phoneNumber: "88889156",
    callId: tag,
  });
  const [row] = await db
    .insert(writeBacks)
    .values({ callId, submissionId: randomUUID(), requestBody: body, state: "queued" })
    .returning({ id: writeBacks.id });
  if (!row) throw new Error("write-back not inserted");
  return row.id;
}

export async function writeBackRow(db: Db, id: number) {
  const [row] = await db.select().from(writeBacks).where(eq(writeBacks.id, id));
  if (!row) throw new Error(`no write-back ${id}`);
  return row;
}

export async function callState(db: Db, id: number) {
  const [row] = await db.select({ s: calls.writeBackState }).from(calls).where(eq(calls.id, id));
  return row?.s;
}

/** The tags (callId field) of the write-backs the simulator received, in order. */
export function receivedTags(sim: Simulator): string[] {
  return sim
    .received()
    .filter((r) => r.interface === "midresult")
    .map((r) => {
      const body = r.body as { callId?: unknown } | null;
      return typeof body?.callId === "string" ? body.callId : "";
    });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * The write-back tests' starting point: no calls, users or drafts; two agents and a
 * supervisor; one call (CUST-1, two numbers, fetched 2025-11-20 01:15 UTC) of the first agent.
 */
export async function seedWriteBackScene(db: Db) {
  await db.execute(sql`TRUNCATE calls, users, drafts RESTART IDENTITY CASCADE`);
  const made = await db
    .insert(users)
    .values([
      { username: "agent1", passwordHash: "x", role: "agent" },
      { username: "agent2", passwordHash: "x", role: "agent" },
      { username: "super1", passwordHash: "x", role: "supervisor" },
    ])
    .returning({ id: users.id });
  const agent = { id: made[0]?.id ?? 0, role: "agent" as const };
  const agent2 = { id: made[1]?.id ?? 0, role: "agent" as const };
  const supervisor = { id: made[2]?.id ?? 0, role: "supervisor" as const };
  const [row] = await db
    .insert(calls)
    .values({
      subCcNo: 1,
      vdnId: 88,
      serviceId: "TASK-A",
      uniqueId: "CUST-1",
      phoneNumbers: ["13800000001", "13900000001"],
      fetchTime: new Date("2025-11-20T01:15:00Z"),
      assignedTo: agent.id,
    })
    .returning({ id: calls.id });
  return { agent, agent2, supervisor, callId: row?.id ?? 0 };
}

/**
 * A valid write-back form for the scene's call (a busy customer, one of its numbers, times
 * after its fetch), as the browser posts it: strings. `extra` changes or adds fields.
 */
export const sceneForm = (extra: Record<string, unknown> = {}) => ({
  submissionId: randomUUID(),
  baseVersion: "0",
  timeZone: "Europe/Berlin",
  status: "5",
  failCode: "00145",
  asrResult: "",
  deviceType: "5",
  phoneNumber: "13900000001",
  callId: "C-1",
  writeStartTime: "2025-11-20T10:00:30",
  endCallTime: "2025-11-20T10:02:00",
  ...extra,
});

/**
 * The submit's inline send as the process makes it (claimed in the recording transaction,
 * sent at once), over the simulator, as `owner`: for the write-back tests.
 */
export function inlineFor(db: Db, sim: Simulator, owner = "test-web"): InlineDelivery {
  return inlineDelivery(db, { client: clientFor(sim), owner, policy: tinyPolicy });
}
