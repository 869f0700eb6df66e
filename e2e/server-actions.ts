import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Calling server actions over HTTP as the browser does, for the access matrix
 * (e2e/matrix.spec.ts) and the bad-input corpus (corpus/): the action's id from the build's
 * server-reference manifest, a POST with the `Next-Action` header, and the arguments in
 * React's reply encoding (react-server-dom's encodeReply / decodeReply).
 */

type ActionManifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/** `file#export` → action id, from the production build in `.next/`. */
export function actionIds(root: string = process.cwd()): Map<string, string> {
  const manifest = JSON.parse(
    readFileSync(join(root, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as ActionManifest;
  const out = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node))
    out.set(`${entry.filename}#${entry.exportedName}`, id);
  return out;
}

/**
 * A value as encodeReply writes plain JSON: a string that starts with `$` is escaped as
 * `$$…` (an unescaped `$` starts a reference such as `$K1`, a FormData).
 */
export function replyValue(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(replyValue);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replyValue(v)]));
  return value;
}

/** The argument list as the text body encodeReply sends when no argument is a form or file. */
export function jsonReply(args: readonly unknown[]): string {
  return JSON.stringify(replyValue(args));
}

/**
 * React's multipart reply: part "0" is the argument list, in which `"$K1"` stands for a
 * FormData whose fields are the parts named `_1_<name>` (the reference's id in hex between
 * underscores; see resolveField / case "K" in react-server-dom's decoder). As encodeReply
 * does, the fields come first and part "0" last: the server decodes the stream as it
 * arrives, and a form reference resolved before its fields arrived is an empty form.
 */
export function formReply(
  args: "form" | "prev+form",
  fields: Record<string, string> | [string, string][] = {},
): FormData {
  const body = new FormData();
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [k, v] of entries) body.append(`_1_${k}`, v);
  body.set("0", JSON.stringify(args === "form" ? ["$K1"] : [null, "$K1"]));
  return body;
}

/** The argument list as multipart, with no form: part "0" alone, as JSON. */
export function multipartReply(args: readonly unknown[]): FormData {
  const body = new FormData();
  body.set("0", jsonReply(args));
  return body;
}

/**
 * The value an action returned, read from its RSC answer: the rows are `<id>:<json>`; the
 * first object with an `ok` or `message` key is the action's result. null when there is
 * none (an error, a redirect, or not an RSC answer).
 */
export function actionResult(text: string): Record<string, unknown> | null {
  for (const line of text.split("\n")) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m?.[1]) continue;
    try {
      const value = JSON.parse(m[1]) as unknown;
      if (value && typeof value === "object" && ("ok" in value || "message" in value))
        return value as Record<string, unknown>;
    } catch {
      // not JSON: another kind of row
    }
  }
  return null;
}
