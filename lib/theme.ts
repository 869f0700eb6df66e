/**
 * The colour theme a browser chose: light, dark, or the system's (the default). Kept in a
 * cookie so the server renders <html> in the chosen scheme at once: no flash on load and no
 * script before paint (the page's CSP admits no inline script without its nonce). "system"
 * sets no class, and app/globals.css follows `prefers-color-scheme`. Browser-safe, and
 * without zod (the header's chooser is in every page's first load, issue 12): the cookie's
 * value is checked by ./theme-schema.ts.
 */
export const themes = ["light", "dark", "system"] as const;
export type Theme = (typeof themes)[number];
export const THEME_COOKIE = "theme";
