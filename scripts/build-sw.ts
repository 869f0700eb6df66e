/**
 * Builds the service worker (lib/pwa/service-worker.ts) into public/sw.js, after `next build`
 * and before scripts/standalone.ts copies public/ (`npm run build` runs the three).
 *
 * Why not @serwist/next: it plugs into webpack, and Next.js 16 builds with Turbopack.
 * @serwist/turbopack serves the worker from a route handler and brings SWC's native
 * compiler with it. Serwist's own build module (@serwist/build, getManifest) lists the
 * files to precache, and esbuild (already here for tsx) bundles the worker with that list:
 * one plain file, the same with any bundler, made once per build.
 *
 * Precached: every file of .next/static (Next.js names them by content, so their address is
 * their revision) and the icons of public/ (revision: their content's hash). Prints the
 * worker's size, raw and gzipped, and the precache's.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { getManifest } from "@serwist/build";
import { build } from "esbuild";
import { pngIcons } from "@/lib/pwa/manifest";

const root = process.cwd();
const buildId = readFileSync(join(root, ".next", "BUILD_ID"), "utf8").trim();

async function main(): Promise<void> {
  const staticFiles = await getManifest({
    globDirectory: join(root, ".next", "static"),
    globPatterns: ["**/*.{js,css,woff2,woff,svg,png,ico}"],
    modifyURLPrefix: { "": "/_next/static/" },
    // Content-named: the address changes when the file does.
    manifestTransforms: [(entries) => ({ manifest: entries.map((e) => ({ ...e, revision: null })) })],
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  });
  const publicFiles = await getManifest({
    globDirectory: join(root, "public"),
    globPatterns: ["icon.svg", "favicon.ico", "apple-touch-icon.png", ...pngIcons.map((i) => i.src.slice(1))],
    modifyURLPrefix: { "": "/" },
  });
  const entries = [...(staticFiles.manifestEntries ?? []), ...(publicFiles.manifestEntries ?? [])];
  for (const w of [...staticFiles.warnings, ...publicFiles.warnings]) console.warn(w);

  const out = join(root, "public", "sw.js");
  await build({
    entryPoints: [join(root, "lib", "pwa", "service-worker.ts")],
    outfile: out,
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    legalComments: "none",
    define: {
      "self.__SW_MANIFEST": JSON.stringify(entries),
      "process.env.SW_BUILD_ID": JSON.stringify(buildId),
      "process.env.NODE_ENV": JSON.stringify("production"),
    },
    logLevel: "warning",
  });
  const code = readFileSync(out);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `service worker: public/sw.js ${kib(code.length)} (${kib(gzipSync(code).length)} gzip); ` +
      `precaches ${entries.length} files, ${kib(staticFiles.size + publicFiles.size)}`,
  );
  writeFileSync(
    join(root, ".next", "sw-stats.json"),
    JSON.stringify({
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
      precacheFiles: entries.length,
      precacheBytes: staticFiles.size + publicFiles.size,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
