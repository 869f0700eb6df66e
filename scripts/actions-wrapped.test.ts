import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every server action goes through the one wrapper (`authAction`, lib/actions/safe-action.ts),
 * which checks the session and the role before it reads the input: each export of a
 * "use server" file must be `export const name = authAction(…)`. A hand-written
 * `export async function` would be a public endpoint with whatever checks its author
 * remembered. Parsed with the TypeScript compiler, so formatting cannot hide an export.
 */

/** Public by design, with why: nobody is signed in when they run. */
const publicActions: Record<string, string> = {
  "app/sign-in/actions.ts#signInAction":
    "signing in: there is no session yet; it rate-limits and checks the credentials itself",
  "app/language/actions.ts#setLocaleAction":
    "the language switch (also on the sign-in page): it only sets the browser's language cookie",
  "app/theme/actions.ts#setThemeAction":
    "the theme chooser (also on the sign-in page): it only sets the browser's theme cookie",
};

type Finding = { action: string; problem: string };

/** The exports of one "use server" source that do not go through authAction. */
function unwrappedExports(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const first = sf.statements[0];
  const isServerFile =
    first !== undefined &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server";
  if (!isServerFile) return [];
  const findings: Finding[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of sf.statements) {
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) continue;
    if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      if (ts.isExportDeclaration(statement) && statement.isTypeOnly) continue;
      findings.push({
        action: `${file}#(re-export)`,
        problem: "re-exports are not checked: export authAction(…) here",
      });
      continue;
    }
    if (!exported(statement)) continue;
    if (ts.isFunctionDeclaration(statement)) {
      const name = statement.name?.text ?? "default";
      findings.push({ action: `${file}#${name}`, problem: "a function declaration, not authAction(…)" });
      continue;
    }
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const name = decl.name.getText(sf);
        const init = decl.initializer;
        const wrapped =
          init !== undefined &&
          ts.isCallExpression(init) &&
          ts.isIdentifier(init.expression) &&
          init.expression.text === "authAction";
        if (!wrapped) findings.push({ action: `${file}#${name}`, problem: "not authAction(…)" });
      }
      continue;
    }
    findings.push({ action: `${file}#?`, problem: `an export of kind ${ts.SyntaxKind[statement.kind]}` });
  }
  return findings;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("server actions", () => {
  it("every export of a 'use server' file in app/, components/ and lib/ goes through authAction", () => {
    const root = process.cwd();
    const findings = ["app", "components", "lib"]
      .flatMap((dir) => sources(join(root, dir)))
      .flatMap((path) => unwrappedExports(relative(root, path), readFileSync(path, "utf8")))
      .filter((f) => !(f.action in publicActions));
    expect(findings).toEqual([]);
  });

  it("the public exceptions still exist, so the list cannot rot", () => {
    for (const key of Object.keys(publicActions)) {
      const [file, name] = key.split("#");
      expect(readFileSync(join(process.cwd(), file ?? ""), "utf8")).toContain(
        `export async function ${name}(`,
      );
    }
  });

  it("the check finds a hand-written action, a bare const and a re-export", () => {
    const source = [
      '"use server";',
      'import { authAction } from "@/lib/actions/safe-action";',
      "export type State = { ok: boolean };",
      "export async function bare(form: FormData) { return form; }",
      "export const plain = async () => 1;",
      'export const good = authAction({ name: "x", role: "any", call: "args", schema }, async () => ({ ok: true }));',
      'export { other } from "./other";',
    ].join("\n");
    expect(unwrappedExports("x/actions.ts", source).map((f) => f.action)).toEqual([
      "x/actions.ts#bare",
      "x/actions.ts#plain",
      "x/actions.ts#(re-export)",
    ]);
    expect(unwrappedExports("x/not-server.ts", "export async function f() {}")).toEqual([]);
  });
});
