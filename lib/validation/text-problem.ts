import type { core } from "zod/mini";
import { englishMessages, type ValidationMessages } from "./messages";

/**
 * Text at every boundary. PostgreSQL refuses NUL in text (the request would end in a 500),
 * and other control characters and lone surrogates are never meant: a lone surrogate is
 * silently turned into U+FFFD on the way to the database. Tab, CR and LF are allowed only
 * where a field takes several lines. The rule once, for zod (text.ts, the server) and
 * zod/mini (text-mini.ts, the schemas the browser loads too).
 */

// C0 controls but tab, LF and CR; DEL; C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = "nul" | "control" | "line-break" | "surrogate";

export type TextOptions = {
  /** Tab and line breaks are allowed (a reason, call data); off by default. */
  multiline?: boolean;
  /** The language of the message (lib/validation/messages.ts); English by default. */
  messages?: ValidationMessages;
};

/** What is wrong with a text, or null when it may be stored as it is. */
export function textProblem(value: string, options: TextOptions = {}): TextProblem | null {
  if (value.includes("\u0000")) return "nul";
  if (CONTROL_MULTILINE.test(value)) return "control";
  if (!options.multiline && CONTROL_SINGLE_LINE.test(value)) return "line-break";
  if (LONE_SURROGATE.test(value)) return "surrogate";
  return null;
}

/** The message for a problem; `label` names the field for forms ("Call id: ..."). */
export function textProblemMessage(
  problem: TextProblem,
  label?: string,
  messages: ValidationMessages = englishMessages,
): string {
  const message = messages.textMessages[problem];
  return label ? messages.labelled(label, message) : message;
}

/** The rule as a zod check, for either flavour of zod: refused with the field's label. */
export function textCheck(label?: string, options: TextOptions = {}): core.CheckFn<string> {
  return (ctx) => {
    const problem = textProblem(ctx.value, options);
    if (problem)
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        message: textProblemMessage(problem, label, options.messages),
      });
  };
}
