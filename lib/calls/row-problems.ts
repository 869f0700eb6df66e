import type { z } from "zod";
import { translatorFrom } from "@/lib/i18n/translate";
import type { TextProblem } from "@/lib/validation/text";
import enImport from "@/messages/en/import.json";

/**
 * A problem of one row of an import, as a code and its values beside the English words:
 * the API and the calls:import command read the words; the import page, which keeps the
 * problems with the job (the import itself runs in the background, in no one's language),
 * says the code in the user's language (import.rowErrors). The words are the English file's.
 */
type Simple = Exclude<keyof typeof enImport.rowErrors, "text" | "nestedText">;
export type RowProblemCode = Simple | `text.${TextProblem}` | `nestedText.${TextProblem}`;
export type RowProblemValues = Record<string, string | number>;
export type RowProblem = { code: RowProblemCode; values?: RowProblemValues };

const english = translatorFrom("en", enImport, "import.rowErrors");

/** The English words of a problem. */
export function rowProblemText(code: RowProblemCode, values?: RowProblemValues): string {
  return english(code, values);
}

/** A problem as an ImportError's fields: the English message, the code and its values. */
export function rowProblem(
  code: RowProblemCode,
  values?: RowProblemValues,
): { message: string; code: RowProblemCode; values?: RowProblemValues } {
  return { message: rowProblemText(code, values), code, ...(values ? { values } : {}) };
}

/** Add a row's problem to a zod parse: the English message, the code in the issue's params. */
export function addRowIssue(ctx: z.RefinementCtx, code: RowProblemCode, values?: RowProblemValues): void {
  ctx.addIssue({ code: "custom", message: rowProblemText(code, values), params: { code, values } });
}

/** The code and values a zod issue carries, when addRowIssue made it. */
export function rowProblemOf(issue: z.core.$ZodIssue): RowProblem | undefined {
  if (issue.code !== "custom") return undefined;
  const params = issue.params as { code?: unknown; values?: unknown } | undefined;
  if (typeof params?.code !== "string") return undefined;
  const values = params.values as RowProblemValues | undefined;
  return { code: params.code as RowProblemCode, ...(values ? { values } : {}) };
}
