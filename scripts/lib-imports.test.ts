import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

/**
 * The import direction biome.json enforces (its overrides for lib/**, noRestrictedImports):
 * lib/ never imports from app/ or components/, and outside its tests not from tools/ (the
 * simulator) or test/support/ either. `npx biome check .` already fails on a violation in
 * the tree; this proves the rule bites by linting a small tree of probe files with the
 * project's own Biome settings, so an edit that loosens the rule fails here.
 */

const run = promisify(execFile);
const biome = resolve("node_modules/.bin/biome");

const probes: Record<string, string> = {
  "lib/p/imports-components.ts": 'import { a } from "@/components/calls/call-list";',
  "lib/p/imports-app.ts": 'import { a } from "@/app/page";',
  "lib/p/imports-app-relative.ts": 'import { a } from "../../app/review/page";',
  "lib/p/imports-components-relative.ts": 'import { a } from "../../components/ui/button";',
  "lib/p/imports-simulator.ts": 'import { a } from "@/tools/isales-sim/server";',
  "lib/p/imports-test-support.ts": 'import { a } from "@/test/support/databases";',
  "lib/p/imports-components.test.ts": 'import { a } from "@/components/calls/call-list";',
  // Allowed:
  "lib/p/imports-lib.ts": 'import { a } from "@/lib/calls/list-query";',
  "lib/p/imports-lib-relative.ts": 'import { a } from "../db/enums";',
  "lib/p/imports-simulator.test.ts": 'import { a } from "@/tools/isales-sim/server";',
  "lib/p/imports-test-support.test.ts": 'import { a } from "@/test/support/databases";',
  "components/p/imports-lib.ts": 'import { a } from "@/lib/calls/list-query";',
};

const reportSchema = z.object({
  diagnostics: z.array(
    z.object({ category: z.string().optional(), location: z.object({ path: z.string() }).optional() }),
  ),
});

let dir = "";
let flagged: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "preview-desk-lib-imports-"));
  const config = z.looseObject({}).parse(JSON.parse(await readFile("biome.json", "utf8")));
  // The probe tree is not a git checkout; the schema path would point nowhere.
  const { $schema: _schema, vcs: _vcs, ...rest } = config;
  await writeFile(join(dir, "biome.json"), JSON.stringify(rest));
  for (const [path, line] of Object.entries(probes)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), `${line}\n\nexport const used = [a];\n`);
  }
  const { stdout } = await run(biome, ["lint", "--reporter=json", "--max-diagnostics=100", "."], {
    cwd: dir,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  flagged = reportSchema
    .parse(JSON.parse(stdout))
    .diagnostics.filter((d) => d.category === "lint/style/noRestrictedImports")
    .map((d) => d.location?.path ?? "")
    .sort();
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("lib/ import direction (biome.json noRestrictedImports)", () => {
  it("refuses every probe that imports the wrong way, and only those", () => {
    expect(flagged).toEqual(
      [
        "lib/p/imports-app-relative.ts",
        "lib/p/imports-app.ts",
        "lib/p/imports-components-relative.ts",
        "lib/p/imports-components.test.ts",
        "lib/p/imports-components.ts",
        "lib/p/imports-simulator.ts",
        "lib/p/imports-test-support.ts",
      ].sort(),
    );
  });
});
