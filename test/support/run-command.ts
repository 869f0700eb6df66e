import { spawn } from "node:child_process";

export type CommandRun = { code: number | null; stdout: string; stderr: string };

/**
 * Test support: run one of the project's commands (a script under scripts/) in a child
 * process from the repo root, as a person runs it: with exactly `env` as its environment,
 * `stdin` piped in, and everything it printed collected.
 */
export function runCommand(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin = "",
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", script, ...args], {
      cwd: process.cwd(),
      env,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The real `calls:import` command, with only PATH and the given variables (no iSales settings). */
export function runImportCommand(args: readonly string[], env: Record<string, string>): Promise<CommandRun> {
  return runCommand("scripts/calls-import.ts", args, {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "test",
    ...env,
  });
}
