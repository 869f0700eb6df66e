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
});
