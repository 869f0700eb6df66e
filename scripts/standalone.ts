/**
 * Completes Next.js's standalone output (`output: "standalone"`, run after `next build` by
 * `npm run build`): Next.js traces the server's code and node_modules into
 * .next/standalone but leaves out what the server reads from disk by path: the browser's
 * static files (.next/static), public/, the catalogue (config/) and the database
 * migrations (drizzle/). After this, `.next/standalone` is the whole server:
 * `node .next/standalone/server.js` (PORT, HOSTNAME and the settings from the environment).
 * The Dockerfile copies exactly this folder.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const out = join(root, ".next", "standalone");
if (!existsSync(join(out, "server.js"))) {
  console.error(
    "No .next/standalone/server.js: run `next build` first (next.config.ts sets output: standalone).",
  );
  process.exit(1);
}
const copies: [string, string][] = [
  [join(root, ".next", "static"), join(out, ".next", "static")],
  [join(root, "public"), join(out, "public")],
  [join(root, "config"), join(out, "config")],
  [join(root, "drizzle"), join(out, "drizzle")],
];
for (const [from, to] of copies) {
  if (!existsSync(from)) continue;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
console.log("standalone server ready: node .next/standalone/server.js");
