import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The bad-input corpus (corpus/): against the production build (`next build` first), served
 * by `next start` on a fresh PostgreSQL database, with the iSales simulator in this process.
 * One file, one worker: every case is judged by snapshots of the whole database, so no two
 * may run at once. `npm test` runs it after the build; alone:
 *   npx vitest run --config vitest.corpus.config.ts
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // The global setup runs in vitest's own process, whose resolver does not take the
      // react-server condition: point "server-only" at its no-op as Next's server does.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
    conditions: ["react-server", "node"],
  },
  ssr: { resolve: { conditions: ["react-server", "node"] } },
  test: {
    include: ["corpus/**/*.test.ts"],
    environment: "node",
    globalSetup: ["corpus/global-setup.ts"],
    server: { deps: { inline: ["server-only"] } },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
  },
});
