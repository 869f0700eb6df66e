import { pathToFileURL } from "node:url";
import { z } from "zod";
import { startSimulator } from "./server";
import { errorKinds, type SimOptions, simPaths } from "./types";

/**
 * `npm run isales:sim`: the iSales simulator on a fixed port for the demo. Its settings
 * are its own (SIM_*), not Preview Desk's: it plays the other side.
 */

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(blank, z.coerce.number().int().min(min).max(max).default(fallback));
const rate = z.preprocess(blank, z.coerce.number().min(0).max(1).default(0));

const envSchema = z.object({
  SIM_PORT: int(0, 65535, 4010),
  SIM_HOST: z.preprocess(blank, z.string().default("127.0.0.1")),
  SIM_USER: z.preprocess(blank, z.string().default("demo")),
  SIM_PASSWORD: z.preprocess(blank, z.string().default("demo-password")),
  SIM_TOKENS: z.preprocess(
    blank,
    z
      .string()
      .default("demo-token")
      .transform((v) =>
        v
          .split(",")
          .map((t) => t.trim())
          .filter((t) => t !== ""),
      ),
  ),
  SIM_TOKEN_TTL_S: int(1, 86_400, 300),
  SIM_REFRESH_TTL_S: int(1, 604_800, 3600),
  SIM_LATENCY_MS: int(0, 600_000, 0),
  SIM_ERROR_RATE: rate,
  SIM_ERROR_KIND: z.preprocess(blank, z.enum(errorKinds).default("http500")),
  SIM_DROP_RATE: rate,
  SIM_NONJSON_RATE: rate,
});

export function simOptionsFromEnv(env: Record<string, string | undefined>): Partial<SimOptions> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The iSales simulator cannot start, a setting is wrong:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    host: e.SIM_HOST,
    port: e.SIM_PORT,
    user: e.SIM_USER,
    password: e.SIM_PASSWORD,
    fixedTokens: e.SIM_TOKENS,
    tokenTtlS: e.SIM_TOKEN_TTL_S,
    refreshTtlS: e.SIM_REFRESH_TTL_S,
    faults: {
      latencyMs: e.SIM_LATENCY_MS,
      errorRate: e.SIM_ERROR_RATE,
      errorKind: e.SIM_ERROR_KIND,
      dropRate: e.SIM_DROP_RATE,
      nonJsonRate: e.SIM_NONJSON_RATE,
    },
  };
}

async function main() {
  let options: Partial<SimOptions>;
  try {
    options = simOptionsFromEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const sim = await startSimulator(options);
  const o = sim.options;
  console.log(`iSales simulator listening on ${sim.url}`);
  console.log(
    `  log-in: user "${o.user}", password "${o.password}" (token ${o.tokenTtlS} s, refresh ${o.refreshTtlS} s)`,
  );
  console.log(`  fixed tokens: ${o.fixedTokens.length > 0 ? o.fixedTokens.join(", ") : "(none)"}`);
  console.log(`  token headers: ${o.authHeaders.join(" or ")} (Bearer <token>)`);
  console.log(
    `  data: subCCNo ${o.subCCNo}, vdnId ${o.vdnId}, tasks ${sim
      .tasks()
      .map((t) => t.serviceId)
      .join(", ")}`,
  );
  console.log(`  interfaces: ${Object.values(simPaths).join(", ")}`);
  console.log(`  faults: ${JSON.stringify(sim.faults())}`);
  console.log(
    `  see ${sim.url}/ (received write-backs), ${sim.url}/__sim/received, POST ${sim.url}/__sim/faults`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the iSales simulator`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

// Only when run as a program, so tests can import simOptionsFromEnv.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
