import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { formReply, jsonReply } from "@/e2e/server-actions";
import { type Case, corpusCases, goodWriteBack, signInForm } from "./cases";
import { CONTROL_CALL } from "./context";
import { type Answer, Harness } from "./harness";

/**
 * The bad-input corpus (issue 8): every generated case (corpus/cases.ts) against the
 * production server on a fresh PostgreSQL database, each asserting
 *   - no 5xx (nor a thrown action, nor a crashed command),
 *   - a 4xx or a refusal that names the field,
 *   - no row changed in any table (snapshots before and after),
 *   - nothing received by the iSales simulator.
 * Run alone: `node_modules/.bin/next build && npx vitest run --config vitest.corpus.config.ts`.
 * The summary at the end gives the numbers the issue asks for.
 */

let h: Harness;
type Result = { c: Case; answer: Answer; changed: string[]; upstream: number; ok: boolean };
const results: Result[] = [];
let upstreamAtStart = 0;

beforeAll(async () => {
  h = new Harness(inject("corpus"));
});

afterAll(async () => {
  // A write-back that slipped through and was queued may go out a moment later.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const upstreamTotal = results.length > 0 ? (await h.upstreamCount()) - upstreamAtStart : 0;
  await h.close();
  const failed = results.filter((r) => !r.ok);
  const lines = [
    "",
    "bad-input corpus: npx vitest run --config vitest.corpus.config.ts (after next build)",
    `  cases: ${results.length}, passed: ${results.length - failed.length}, failed: ${failed.length}`,
    `  answers of 5xx (or an action that threw, or a crashed command): ${results.filter((r) => r.answer.serverError).length}`,
    `  not refused, or refused without naming the field: ${results.filter((r) => !r.answer.refused || !r.answer.namesField).length}`,
    `  unintended changes (cases that changed a row): ${results.filter((r) => r.changed.length > 0).length}`,
    `  bad bodies sent upstream (received by the simulator): ${upstreamTotal}`,
  ];
  lines.push("  by boundary (cases / failed / 5xx / changed a row / sent upstream):");
  const boundaries = [...new Set(results.map((r) => r.c.boundary))];
  for (const boundary of boundaries) {
    const of = results.filter((r) => r.c.boundary === boundary);
    const count = (test: (r: Result) => boolean) => of.filter(test).length;
    lines.push(
      `    ${boundary}: ${of.length} / ${count((r) => !r.ok)} / ${count((r) => r.answer.serverError)} / ${count((r) => r.changed.length > 0)} / ${of.reduce((n, r) => n + r.upstream, 0)}`,
    );
  }
  if (failed.length > 0) {
    lines.push("  failing cases (boundary › field › family: answer [changed tables] [upstream]):");
    for (const r of failed)
      lines.push(
        `    ${r.c.name}: ${r.answer.summary}${r.changed.length > 0 ? ` [changed ${r.changed.join(",")}]` : ""}${r.upstream > 0 ? ` [upstream ${r.upstream}]` : ""}`,
      );
  }
  console.log(lines.join("\n"));
  const out = process.env.CORPUS_REPORT;
  if (out) writeFileSync(out, `${lines.join("\n")}\n`);
});

describe("controls: the harness sees a good request go through", () => {
  test("a good write-back is stored and reaches the simulator", async () => {
    const call = await h.callByUniqueId(CONTROL_CALL);
    const before = await h.snapshot();
    const upstream = await h.upstreamCount();
    const r = await h.action(
      "app/calls/[id]/actions.ts#sendWriteBack",
      jsonReply([call.id, goodWriteBack(h, call.phone, call.version)]),
      { user: "agent1" },
    );
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(r.result, r.text.slice(0, 300)).toMatchObject({ ok: true });
    expect(Harness.changed(before, await h.snapshot())).toEqual(
      expect.arrayContaining(["calls", "write_backs", "call_versions"]),
    );
    expect(await h.upstreamCount()).toBe(upstream + 1);
  });

  test("a good API record is stored", async () => {
    const before = await h.snapshot();
    const r = await h.http("/api/v1/calls", {
      method: "POST",
      headers: { Authorization: `Bearer ${h.ctx.apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        subCCNo: 1,
        vdnId: 1,
        serviceId: "corpus-task",
        uniqueId: "CORPUS-CONTROL-API",
        phoneNumber: "13812345678",
        callData: "{}",
      }),
    });
    expect(r.status, r.text).toBe(200);
    expect(Harness.changed(before, await h.snapshot())).toContain("calls");
  });

  test("a form action receives its fields (admin sets agent1's work number)", async () => {
    const r = await h.action(
      "app/admin/users/actions.ts#setWorkNoAction",
      formReply("prev+form", { username: "agent1", workNo: "10001" }),
      { user: "admin1" },
    );
    expect(r.result, r.text.slice(0, 300)).toMatchObject({
      ok: true,
      message: "agent1's work number is 10001.",
    });
  });

  test("good credentials sign in (a session is made)", async () => {
    const before = await h.snapshot();
    const r = await h.action(
      "app/sign-in/actions.ts#signInAction",
      signInForm({ username: "super1", password: "super1-demo-pass", next: "/" }),
    );
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(400);
    expect(Harness.changed(before, await h.snapshot())).toContain("sessions");
  });

  test("the import command imports a good file", async () => {
    const path = join(h.ctx.workDir, "good.csv");
    writeFileSync(
      path,
      "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,agent\n1,1,corpus-task,CORPUS-CONTROL-FILE,13812345678,x,agent1\n",
    );
    const r = await h.importCommand([path]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe("bad-input corpus", () => {
  beforeAll(async () => {
    upstreamAtStart = await h.upstreamCount();
  });

  for (const c of corpusCases) {
    test(c.name, async () => {
      await h.clearRateLimits();
      const before = await h.snapshot();
      const upstreamBefore = await h.upstreamCount();
      let answer: Answer;
      try {
        answer = await c.run(h);
      } catch (error) {
        // No answer at all (the connection dropped): as bad as a 5xx.
        answer = {
          code: -1,
          serverError: true,
          refused: false,
          namesField: false,
          summary: `no answer: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      await h.settle();
      let changed = Harness.changed(before, await h.snapshot());
      const may = answer.mayChange;
      if (may && changed.includes(may.table)) {
        const problem = await may.check();
        if (problem === null) changed = changed.filter((t) => t !== may.table);
      }
      const upstream = (await h.upstreamCount()) - upstreamBefore;
      const verdict = {
        serverError: answer.serverError,
        refusedNamingTheField: answer.refused && answer.namesField,
        changedTables: changed,
        receivedUpstream: upstream,
      };
      const expected = {
        serverError: false,
        refusedNamingTheField: true,
        changedTables: [],
        receivedUpstream: 0,
      };
      const ok = JSON.stringify(verdict) === JSON.stringify(expected);
      results.push({ c, answer, changed, upstream, ok });
      expect(verdict, `${c.name}: ${answer.summary}`).toEqual(expected);
    });
  }
});
