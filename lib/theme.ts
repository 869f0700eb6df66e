import { z } from "zod/mini";

/**
 * The colour theme a browser chose: light, dark, or the system's (the default). Kept in a
 * cookie so the server renders <html> in the chosen scheme at once: no flash on load and no
 * script before paint (the page's CSP admits no inline script without its nonce). "system"
 * sets no class, and app/globals.css follows `prefers-color-scheme`. Browser-safe.
 */
export const themes = ["light", "dark", "system"] as const;
export type Theme = (typeof themes)[number];
export const themeSchema = z.enum(themes);
export const THEME_COOKIE = "theme";

/** The theme a cookie's value names; anything else is the system's. */
export function themeOf(value: string | undefined): Theme {
  const parsed = themeSchema.safeParse(value);
  return parsed.success ? parsed.data : "system";
}
