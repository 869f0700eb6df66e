import { z } from "zod/mini";
import { type Theme, themes } from "./theme";

/** A theme from outside (the chooser's form, the cookie) checked against ./theme.ts. */
export const themeSchema = z.enum(themes);

/** The theme a cookie's value names; anything else is the system's. */
export function themeOf(value: string | undefined): Theme {
  const parsed = themeSchema.safeParse(value);
  return parsed.success ? parsed.data : "system";
}
