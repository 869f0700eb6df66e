import { z } from "zod/mini";
import { type TextOptions, textCheck } from "./text-problem";

/**
 * safeText (text.ts) for zod/mini schemas: a string that refuses NUL, control characters
 * and lone surrogates, checked on the text as given (before any trim); add `z.trim()`,
 * `z.maxLength()`... after it with `.check()`.
 */
export function safeTextMini(label?: string, options: TextOptions = {}) {
  return z.string().check(textCheck(label, options));
}
