import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { simOptionsFromEnv } from "./cli";

describe("isales-sim settings", () => {
  it("has defaults for the demo", () => {
    const options = simOptionsFromEnv({});
    expect(options).toMatchObject({
      host: "127.0.0.1",
      port: 4010,
      user: "demo",
      password: "demo-password",
      fixedTokens: ["demo-token"],
      tokenTtlS: 300,
      refreshTtlS: 3600,
    });
    expect(options.faults).toMatchObject({ errorRate: 0, dropRate: 0, nonJsonRate: 0, latencyMs: 0 });
  });

  it("reads every variable", () => {
    const options = simOptionsFromEnv({
      SIM_PORT: "4555",
      SIM_TOKENS: "a, b,,c",
      SIM_TOKEN_TTL_S: "5",
      SIM_ERROR_RATE: "0.25",
      SIM_ERROR_KIND: "refuse",
      SIM_DROP_RATE: "0.1",
      SIM_NONJSON_RATE: "1",
      SIM_LATENCY_MS: "40",
    });
    expect(options.port).toBe(4555);
    expect(options.fixedTokens).toEqual(["a", "b", "c"]);
    expect(options.tokenTtlS).toBe(5);
    expect(options.faults).toEqual({
      latencyMs: 40,
      errorRate: 0.25,
      errorKind: "refuse",
      dropRate: 0.1,
      nonJsonRate: 1,
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => simOptionsFromEnv({ SIM_ERROR_RATE: "1.5" })).toThrow(/SIM_ERROR_RATE/);
    expect(() => simOptionsFromEnv({ SIM_ERROR_KIND: "teapot" })).toThrow(/SIM_ERROR_KIND/);
    expect(() => simOptionsFromEnv({ SIM_PORT: "eighty" })).toThrow(/SIM_PORT/);
  });

  it("exits 1 with the message when run with a bad value", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "tools/isales-sim/cli.ts"],
      {
        env: { ...process.env, SIM_DROP_RATE: "lots" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("SIM_DROP_RATE");
  });
});
