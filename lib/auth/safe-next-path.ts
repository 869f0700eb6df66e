/**
 * Where to go after sign-in: a path on this site, never another site. Browser-safe (the
 * sign-in page and the action both use it).
 *
 * The value is normalised by the WHATWG URL parser, as a browser would read a Location
 * header, against a placeholder origin; it must stay on that origin, and the path written
 * back out must read the same way again. That second check is what closes `/.//host` and
 * `/..//host`: the parser drops the dot segment, leaving `//host`, which a browser takes
 * for another site.
 */

const ORIGIN = "http://preview-desk.invalid";
/** Longer than any link the product makes; a huge value is a trick, not a page. */
const MAX_LENGTH = 2048;
/**
 * Whitespace and control characters (the URL parser deletes tabs and newlines, so `/\t/x`
 * would become `//x`) and backslashes (read as `/` in http URLs) have no place in a link
 * the product made.
 */
function hasForbidden(path: string): boolean {
  if (/[\s\\]/u.test(path)) return true;
  for (const c of path) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function staysHere(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || hasForbidden(path)) return false;
  let url: URL;
  try {
    url = new URL(path, ORIGIN);
  } catch {
    return false;
  }
  return url.origin === ORIGIN;
}

/**
 * `allowSignIn`: for links that do not sign in (the language switch), the sign-in page is a
 * fine place to go back to; after sign-in it would loop.
 */
export function safeNextPath(next: unknown, { allowSignIn = false } = {}): string {
  if (typeof next !== "string" || next.length > MAX_LENGTH || !staysHere(next)) return "/";
  const url = new URL(next, ORIGIN);
  const out = `${url.pathname}${url.search}${url.hash}`;
  // Read again, the normalised form must be the same place (`/.//evil` normalises to `//evil`).
  if (!staysHere(out) || new URL(out, ORIGIN).href !== url.href) return "/";
  // Encoded slashes and backslashes: harmless to a browser, but a proxy or a later decode
  // could turn `/%2F%2Fevil` into `//evil`. No product path needs them.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return "/";
  }
  if (!staysHere(decoded)) return "/";
  // Back to the sign-in page would loop.
  if (!allowSignIn && (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/"))) return "/";
  return out;
}
