/**
 * The request header in which proxy.ts passes the path and query a page was asked for, so
 * a page that needs sign-in can send the user back there afterwards.
 */
export const REQUEST_PATH_HEADER = "x-preview-desk-path";
