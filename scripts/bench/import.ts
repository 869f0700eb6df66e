/**
 * npm run bench:import: rows a second for 100,000 calls through the calls:import path
 * (parseCallsFile + importCalls, as the command runs them) and through POST /api/v1/calls
 * (the route's handler with real Request objects, 1,000 calls a request), on the embedded
 * database and on a throwaway PostgreSQL. Prints figures; not part of npm test.
 */
import { rm } from "node:fs/promises";
import { handleCallsPost } from "@/lib/api-keys/calls-api";
import { createApiKey, newApiKeySchema } from "@/lib/api-keys/keys";
import { importCalls } from "@/lib/calls/import";
import { parseCallsFile } from "@/lib/calls/parse-file";
import { type OpenedDatabase, openDatabase } from "@/lib/db";
import { startThrowawayPg } from "@/scripts/pg-throwaway";
import { tempDataDir } from "@/test/support/databases";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

function csvText(serviceId: string): string {
  const lines = ["subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData"];
  for (let i = 0; i < ROWS; i++) lines.push(`1,88,${serviceId},c${i},1380000${i % 10000},name=C${i}`);
  return lines.join("\n");
}

async function viaCommand(opened: OpenedDatabase): Promise<number> {
  const started = performance.now();
  const parsed = parseCallsFile(csvText("bench-cmd"), "csv", { timeZone: "UTC" });
  const result = await importCalls(opened.db, parsed);
  if (result.inserted !== ROWS) throw new Error(`command imported ${result.inserted}`);
  return ROWS / ((performance.now() - started) / 1000);
}

async function viaApi(opened: OpenedDatabase): Promise<number> {
  const { key } = await createApiKey(
    opened.db,
    newApiKeySchema.parse({ name: "bench", serviceIds: "*", rateLimitPerMin: "1000000" }),
    null,
  );
  const options = { timeZone: "UTC", defaultRateLimitPerMin: 1_000_000 };
  const started = performance.now();
  for (let start = 0; start < ROWS; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, ROWS - start) }, (_, i) => ({
      subCCNo: 1,
      vdnId: 88,
      serviceId: "bench-api",
      uniqueId: `a${start + i}`,
      phoneNumber: [`1380000${(start + i) % 10000}`],
      callData: `name=A${start + i}`,
    }));
    const response = await handleCallsPost(
      new Request("http://bench/api/v1/calls", {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify(batch),
      }),
      opened.db,
      options,
    );
    if (response.status !== 200) throw new Error(`API answered ${response.status}: ${await response.text()}`);
  }
  return ROWS / ((performance.now() - started) / 1000);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

async function run(label: string, open: () => Promise<OpenedDatabase>, cleanup: () => Promise<void>) {
  const opened = await open();
  try {
    const command = await viaCommand(opened);
    const api = await viaApi(opened);
    console.log(
      `${label.padEnd(12)} command: ${fmt(command).padStart(8)} rows/s   API: ${fmt(api).padStart(8)} rows/s`,
    );
  } finally {
    await opened.close();
    await cleanup();
  }
}

async function main() {
  process.env.LOG_LEVEL = "silent";
  console.log(`bench:import, ${ROWS.toLocaleString("en")} rows each`);
  const dataDir = await tempDataDir();
  await run(
    "PGlite",
    () => openDatabase({ dataDir }),
    () => rm(dataDir, { recursive: true, force: true }),
  );
  const pg = await startThrowawayPg();
  await run(
    "PostgreSQL",
    () => openDatabase({ databaseUrl: pg.url }),
    async () => pg.stop(),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
