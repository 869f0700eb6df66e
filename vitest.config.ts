import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
    // The server modules import "server-only", which only resolves to a no-op under the
    // react-server condition, as it does inside Next.js's server.
    conditions: ["react-server", "node"],
  },
  // Tests run in Vite's SSR environment, which takes its conditions from here.
  ssr: { resolve: { conditions: ["react-server", "node"] } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // Integration tests open real databases and start processes: generous on a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
