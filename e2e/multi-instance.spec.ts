import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { OWN_PORT_BASE } from "./servers";

const run = promisify(execFile);

/** A fresh database on the test server, dropped afterwards. */
async function freshDatabase(serverUrl: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  const name = `preview_desk_multi_${Date.now()}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(query);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
const pgUrl = process.env.TEST_DATABASE_URL?.trim();

/**
 * Several instances on one PostgreSQL (issue 11): two standalone servers and one separate
 * sender share a fresh database; agents' submissions go through both servers (through the
 * other when one does not answer, as the proxy does); the first server is SIGKILLed
 * mid-way and started again while the second keeps serving. Driven by the soak script
 * (scripts/bench/soak.ts) through the real server action.
 */
test.describe("several instances on one PostgreSQL", () => {
  test.skip(
    !pgUrl && process.env.CI !== "true",
    "needs TEST_DATABASE_URL (npm test starts a throwaway cluster; CI requires it)",
  );

  test("two servers and a sender, one server killed mid-way: nothing lost, each write-back accepted once, every outcome visible through both", async () => {
    test.setTimeout(300_000);
    const database = await freshDatabase(pgUrl ?? "");
    try {
      const tsx = join("node_modules", ".bin", "tsx");
      const args = ["--conditions=react-server", "scripts/bench/soak.ts"];
      const options = [
        "--n",
        "60",
        "--calls",
        "20",
        "--kills",
        "1",
        "--instances",
        "2",
        "--sender",
        "--no-faults",
        "--standalone",
      ];
      const { stdout } = await run(
        tsx,
        [
          ...args,
          ...options,
          "--port",
          String(OWN_PORT_BASE + 5),
          "--database-url",
          database.databaseUrl,
          "--json",
        ],
        { maxBuffer: 10 * 1024 * 1024, timeout: 270_000 },
      );
      const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, number>;
      console.log(`several instances: ${JSON.stringify(report)}`);
      expect(report.instances).toBe(2);
      expect(report.acknowledged).toBe(60);
      expect(report.serverKills).toBe(1);
      expect(report.lost).toBe(0);
      expect((report.accepted ?? 0) + (report.superseded ?? 0)).toBe(60);
      // Only a send the killed server held when it died may go twice.
      expect(report.duplicatesSent).toBeLessThanOrEqual(report.inFlightAtKills ?? 0);
      expect(report.notVisibleThroughEveryInstance).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
