import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Issue 10: every string a user reads goes through the translation files. This fails on
 * text written straight into a screen: JSX text with words in it, and the attributes a
 * person reads or hears (aria-label, title, placeholder, alt, label) given as a literal.
 * Text through t() is an expression, so it never matches. Allowed, with the reason:
 * - app/dev/: the component showcase for admins, which names the kit's variants as code;
 * - names that are the same in every language (an encoding, a product name alone).
 */
const sameInEveryLanguage = new Set(["UTF-8", "iSales", "OpenID Connect"]);
const readAttributes = new Set(["aria-label", "title", "placeholder", "alt", "label"]);
const words = /[A-Za-z]{2,}|[\u4e00-\u9fff]/;

type Finding = { where: string; text: string };

function untranslated(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Finding[] = [];
  const at = (node: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText(sf).replace(/\s+/g, " ").trim();
      if (words.test(text) && !sameInEveryLanguage.has(text)) out.push({ where: at(node), text });
    }
    if (
      ts.isJsxAttribute(node) &&
      readAttributes.has(node.name.getText(sf)) &&
      node.initializer !== undefined &&
      ts.isStringLiteral(node.initializer)
    ) {
      const text = node.initializer.text;
      if (words.test(text) && !sameInEveryLanguage.has(text)) out.push({ where: at(node), text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const screens = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => join(dir, f))
    .filter((f) => !f.startsWith(join("app", "dev")));

/**
 * A server action's words reach the user too (its message, a refused field's message, a
 * notice after a redirect): in every actions.ts under app/ every sentence goes through
 * getTranslations. This fails on a string or template literal with two words or more, or
 * with Chinese, in such a file, except the words of a log line (log().info(..., "...")) and
 * of an Error thrown for a bug, which are for the operator.
 */
const sentence = /[A-Za-z]{2,}[,:;.!?]?\s+[A-Za-z]{2,}|[\u4e00-\u9fff]/;

function isForTheOperator(node: ts.Node): boolean {
  // A directive ("use server") is code.
  if (ts.isExpressionStatement(node.parent)) return true;
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isCallExpression(at)) {
      const callee = at.expression;
      // log().info(...), log().error(...)
      if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isCallExpression(callee.expression) &&
        ts.isIdentifier(callee.expression.expression) &&
        callee.expression.expression.text === "log"
      )
        return true;
    }
    if (ts.isNewExpression(at) && ts.isIdentifier(at.expression) && /^(Type)?Error$/.test(at.expression.text))
      return true;
    if (ts.isBlock(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

function untranslatedInAction(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Finding[] = [];
  const visit = (node: ts.Node) => {
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join("{}")
          : null;
    if (text !== null && sentence.test(text) && !isForTheOperator(node)) {
      out.push({ where: `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const actionFiles = () =>
  (readdirSync("app", { recursive: true }) as string[])
    .filter((f) => f.endsWith("actions.ts"))
    .map((f) => join("app", f));

describe("no untranslated text on a screen", () => {
  it("app/ and components/ put every word through the translation files", () => {
    const findings = ["app", "components"]
      .flatMap(screens)
      .flatMap((file) => untranslated(file, readFileSync(file, "utf8")));
    expect(findings).toEqual([]);
  });

  it("catches text and read attributes written in, and lets t() and code through", () => {
    const source = `
      const A = () => <p title="Tip">Hello there <b>{t("x")}</b> 你好 <span aria-label={t("y")}>{n}</span></p>;
      const B = () => <option value="utf-8">UTF-8</option>;
      const C = () => <input placeholder="—" className="text-sm" />;`;
    expect(untranslated("x.tsx", source).map((f) => f.text)).toEqual(["Tip", "Hello there", "你好"]);
  });

  it("the actions.ts files under app/ word their answers through getTranslations", () => {
    const files = actionFiles();
    expect(files.length).toBeGreaterThan(5);
    const findings = files.flatMap((file) => untranslatedInAction(file, readFileSync(file, "utf8")));
    expect(findings).toEqual([]);
  });

  it("catches an action's sentence written in, and lets keys, names, logs and bugs through", () => {
    const source = `
      const a = { ok: true, message: "Task chosen." };
      const b = withMessage(schema, \`Which task, \${n}?\`);
      const c = { message: "已选择" };
      const d = t("fetched", { stored: 1 });
      const e = authAction({ name: "tasks.choose", role: "supervisor", call: "state" });
      log().info({ event: "pull_task" }, "task chosen");
      throw new TypeError("a form action needs redirectTo");
      const f = \`/review?notice=\${x}&tone=error\`;`;
    expect(untranslatedInAction("x.ts", `"use server";\n${source}`).map((f) => f.text)).toEqual([
      "Task chosen.",
      "Which task, {}?",
      "已选择",
    ]);
  });
});
