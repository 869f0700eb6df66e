import { spawn } from "node:child_process";

/**
 * Test support: run the real `calls:import` command in a child process, from the repo root,
 * with only PATH and the given variables as its environment (no iSales settings).
 */
export function runImportCommand(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", "scripts/calls-import.ts", ...args],
      { cwd: process.cwd(), env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env } },
    );
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
  });
}
