import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every `<form>` in app/ and components/ must be submitted by POST when the browser sends it
 * itself (before the page's JavaScript has loaded, or with none): either a server action
 * (an `action={…}` expression, which React renders as a POST) or `method="post"`. A form
 * that would be a GET puts its fields into the address, the history and every access log,
 * so it is allowed only when listed below with why it carries nothing personal, and its
 * field names are checked too. Parsed with the TypeScript compiler (5.x has the API), so
 * tags over several lines, spread props and comments are read as the compiler reads them.
 */

/** GET forms by design: filters that hold no secret and no personal data. */
const getFormsAllowed: Record<string, string> = {
  "app/review/page.tsx": "the review filters: agent username, task, state, status, fail code, dates, zone",
  "components/overview/overview-view.tsx": "the overview's range: two dates and a time zone",
};

/** Field names that would be personal or secret in an address. */
const personalField = /pass|token|secret|phone|mobile|number|caller|customer|unique|^q$|search/i;

type FormFinding = { file: string; line: number; problem: string };

function attr(el: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined {
  return el.attributes.properties.find(
    (p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name,
  );
}

function literal(a: ts.JsxAttribute | undefined): string | undefined {
  const init = a?.initializer;
  if (!init) return undefined;
  if (ts.isStringLiteral(init)) return init.text;
  if (ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression))
    return init.expression.text;
  return undefined;
}

function fieldNames(node: ts.Node): string[] {
  const names: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) {
      const name = literal(attr(n, "name"));
      if (name !== undefined) names.push(name);
    }
    n.forEachChild(visit);
  };
  visit(node);
  return names;
}

/** The problems of every form in one TSX source. */
function checkForms(file: string, source: string): FormFinding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: FormFinding[] = [];
  const visit = (node: ts.Node) => {
    const opening = ts.isJsxElement(node)
      ? node.openingElement
      : ts.isJsxSelfClosingElement(node)
        ? node
        : null;
    if (opening && opening.tagName.getText() === "form") {
      const line = sf.getLineAndCharacterOfPosition(opening.getStart()).line + 1;
      const method = literal(attr(opening, "method"))?.toLowerCase();
      const action = attr(opening, "action");
      // An expression action (a server action or a function) is posted by React; a string is a plain URL.
      const actionIsFunction =
        action !== undefined && literal(action) === undefined && action.initializer !== undefined;
      const posts = method === "post" || (method === undefined && actionIsFunction);
      if (!posts) {
        const why = getFormsAllowed[file];
        if (!why)
          findings.push({
            file,
            line,
            problem: `<form> has neither an action={…} nor method="post": before its script runs, the browser sends its fields in the address`,
          });
        const personal = fieldNames(node).filter((n) => personalField.test(n));
        if (personal.length > 0)
          findings.push({
            file,
            line,
            problem: `a GET form carries personal or secret fields (${personal.join(", ")})`,
          });
      }
    }
    node.forEachChild(visit);
  };
  visit(sf);
  return findings;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".tsx"))
    .map((e) => join(e.parentPath, e.name));
}

describe("forms submit by POST before their script runs", () => {
  const root = process.cwd();
  const files = ["app", "components"].flatMap((d) => tsxFiles(join(root, d)));

  it("every <form> in app/ and components/ has an action or method=post", () => {
    let forms = 0;
    const findings: FormFinding[] = [];
    for (const path of files) {
      const file = relative(root, path);
      const source = readFileSync(path, "utf8");
      forms += (source.match(/<form\b/g) ?? []).length;
      findings.push(...checkForms(file, source));
    }
    expect(findings).toEqual([]);
    // The scan found the product's forms (sign-in, write-back, admin, import, review, queue…).
    expect(forms).toBeGreaterThanOrEqual(12);
  });

  it("the allowed GET forms still exist (a stale entry would hide a new form)", () => {
    for (const file of Object.keys(getFormsAllowed)) {
      expect(readFileSync(join(root, file), "utf8")).toMatch(/method="get"/);
    }
  });

  it("finds the forms that would send a GET", () => {
    const bad = `export function A() {
      return (
        <div>
          <form
            className="x"
            onSubmit={go}
          >
            <input name="password" />
          </form>
          <form action="/search"><input name="q" /></form>
          <form method="get" action="/x"><input name="state" /></form>
          <form {...props} />
        </div>
      );
    }`;
    const findings = checkForms("components/bad.tsx", bad);
    // Lines 4 and 10 are GET forms and carry a personal field too: two findings each.
    expect(findings.map((f) => f.line)).toEqual([4, 4, 10, 10, 11, 12]);
    const allowedButPersonal = checkForms(
      "app/review/page.tsx",
      `<form method="get"><input name="phone" /></form>`,
    );
    expect(allowedButPersonal).toHaveLength(1);
    expect(allowedButPersonal[0]?.problem).toMatch(/phone/);
  });

  it("accepts server actions and method=post", () => {
    const good = `<>
      <form action={formAction}><input name="password" /></form>
      <form method="post" action="/sign-out" />
      <form method="POST"><button formAction={act} /></form>
    </>`;
    expect(checkForms("components/good.tsx", good)).toEqual([]);
  });
});
