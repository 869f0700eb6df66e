import { z } from "zod";
import { recordIdSchema } from "@/lib/validation/ids";

/**
 * Schemas for fields of posted forms that every area needs alike. A form sends a ticked
 * checkbox's value once per box: authAction's form reading gives one value as itself and
 * several as a list, and `idList` takes either (or none) as a list of record ids.
 */
export const idList = (message: string, max = 100_000) =>
  z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown()))
    .transform((values, ctx): number[] => {
      const ids = z.array(recordIdSchema).max(max).safeParse(values);
      if (ids.success) return ids.data;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    });

/** A field as text: "" when absent or not text (the domain's own schema checks it after). */
export const postedText = z.preprocess(
  (v) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : ""),
  z.string(),
);

/** A field whose every problem is told with one message that says what to do. */
export const withMessage = <T extends z.ZodType>(schema: T, message: string) =>
  // optional(): an absent field is a value to refuse with the message, not a missing key.
  z
    .unknown()
    .optional()
    .transform((value, ctx): z.output<T> => {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    });
