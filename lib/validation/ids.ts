import { z } from "zod";

/**
 * A record id from a form field or a URL: a string of digits (or a JSON integer), nothing
 * else. z.coerce would turn `""`, `[]` and `null` into 0 and `"0x10"` or `"1e2"` into numbers.
 */
export const recordIdSchema = z.union([z.number(), z.string()]).transform((value, ctx): number => {
  const n = typeof value === "number" ? value : /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    ctx.addIssue({ code: "custom", message: "must be a whole number from 1" });
    return z.NEVER;
  }
  return n;
});
