/**
 * What a page's error boundary receives as `error.digest` when the server could not reach
 * its database (set by lib/db/errors.ts). Its own module, with no imports, so the error
 * pages in the browser can compare against it without bundling the database code.
 */
export const DATABASE_UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";
