/**
 * A page's first-load JavaScript, as the benches count it: every script file its HTML
 * references (`src` or `href` ending in .js), each gzipped at level 9, summed. And its floor:
 * the same count for a bare page (scripts/bench/bare: a layout and a line of text, no client
 * component) built by the same next/react/react-dom with the same bundler as our build.
 *
 * The bare page is static, so its HTML and scripts are read from its build folder: no server.
 * Its build (about 10 to 30 s) is kept in scripts/bench/bare/.next/<bundler> and made again
 * only when next, react, react-dom or the bare page's files change.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export type Bundler = "turbopack" | "webpack";
export type PageJs = { files: number; bytes: number; each: { src: string; bytes: number }[] };

/** The script addresses an HTML page references, once each. */
export function scriptSources(html: string): string[] {
  const srcs = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="([^"]+\.js[^"]*)"/g)) if (m[1]) srcs.add(m[1]);
  return [...srcs];
}

/** The gzip sum of a page's scripts, each read by `load` (a fetch, or a file). */
export async function pageJs(html: string, load: (src: string) => Promise<Buffer>): Promise<PageJs> {
  const srcs = scriptSources(html);
  const each: PageJs["each"] = [];
  for (const src of srcs) each.push({ src, bytes: gzipSync(await load(src), { level: 9 }).length });
  return { files: srcs.length, bytes: each.reduce((sum, f) => sum + f.bytes, 0), each };
}

/** Which bundler made the build in `.next`: Turbopack leaves a file of its name there. */
export function builtWith(distDir = ".next"): Bundler {
  if (!existsSync(join(distDir, "BUILD_ID"))) throw new Error(`no build in ${distDir}: run npm run build`);
  return existsSync(join(distDir, "turbopack")) ? "turbopack" : "webpack";
}

const bareDir = join("scripts", "bench", "bare");

function bareKey(bundler: Bundler): string {
  const hash = createHash("sha256");
  for (const pkg of ["next", "react", "react-dom"]) {
    hash.update(
      `${pkg}@${(JSON.parse(readFileSync(join("node_modules", pkg, "package.json"), "utf8")) as { version: string }).version}\n`,
    );
  }
  hash.update(bundler);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.name === ".next" ? [] : e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    );
  for (const file of files(bareDir).sort()) hash.update(file).update(readFileSync(file));
  return hash.digest("hex");
}

/** The bare page's first-load JavaScript, built with `bundler` (once, then from its folder). */
export async function barePageJs(bundler: Bundler): Promise<PageJs> {
  const distDir = join(".next", bundler);
  const out = join(bareDir, distDir);
  const key = bareKey(bundler);
  const stamp = join(out, "bench-key");
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== key) {
    console.log(`building the bare page with ${bundler} (once per next/react version)…`);
    const r = spawnSync(
      join("node_modules", ".bin", "next"),
      ["build", bareDir, ...(bundler === "webpack" ? ["--webpack"] : [])],
      {
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", BARE_DIST_DIR: distDir },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    if (r.status !== 0) throw new Error(`the bare page's build failed (${bundler})`);
    writeFileSync(stamp, key);
  }
  const html = readFileSync(join(out, "server", "app", "index.html"), "utf8");
  return pageJs(html, async (src) => {
    if (!src.startsWith("/_next/")) throw new Error(`the bare page references ${src}, outside /_next/`);
    return readFileSync(join(out, src.slice("/_next/".length).split("?")[0] ?? ""));
  });
}

/** One line: value, floor, ratio and goal, e.g. "238.8 KiB in 17 files; floor 170.5 KiB in 6 files (…); ratio 1.40×, goal ≤ 1.2× (≤ 204.5 KiB)". */
export function againstFloor(value: PageJs, floor: PageJs, bundler: Bundler): string {
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  const ratio = value.bytes / floor.bytes;
  return (
    `${kib(value.bytes)} in ${value.files} files; floor ${kib(floor.bytes)} in ${floor.files} files ` +
    `(bare page, same next/react, ${bundler}); ratio ${ratio.toFixed(2)}×, goal ≤ 1.2× (≤ ${kib(1.2 * floor.bytes)})` +
    (ratio <= 1.2 ? ": met" : "")
  );
}
