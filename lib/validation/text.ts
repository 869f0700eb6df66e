import { z } from "zod";
import { type TextOptions, textCheck } from "./text-problem";

/**
 * Text at every boundary. PostgreSQL refuses NUL in text (the request would end in a 500),
 * and other control characters and lone surrogates are never meant: a lone surrogate is
 * silently turned into U+FFFD on the way to the database. Tab, CR and LF are allowed only
 * where a field takes several lines.
 */

export { type TextOptions, type TextProblem, textProblem, textProblemMessage } from "./text-problem";

/**
 * A zod string that refuses NUL, control characters and lone surrogates, checked on the
 * text as given (before any trim). Chain `.trim()`, `.min()`, `.max()` after it. The same
 * rule for zod/mini schemas (what the browser loads): text-mini.ts.
 */
export function safeText(label?: string, options: TextOptions = {}) {
  return z.string().check(textCheck(label, options));
}
