/**
 * The cross-site request check of every state-changing route handler, the same rule Next.js
 * applies to server actions: a request whose Origin names another host than the one it was
 * sent to (Host, or X-Forwarded-Host behind a proxy) is refused. A browser always sends
 * Origin on a cross-site POST, and a page cannot forge it; `Origin: null` (sandboxed frames,
 * some redirects) and `Sec-Fetch-Site: cross-site` are refused too. A request with neither
 * header is not from a browser's cross-site form and passes (command-line clients).
 *
 * Not used by /api/v1: those callers authenticate with an API key in a header, which a
 * browser never adds to a cross-site request, so there is nothing to forge.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (origin === null) return request.headers.get("sec-fetch-site") !== "cross-site";
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // "null" and anything that is not a URL
  }
}

/** The 403 a cross-site request gets, in the route handlers' JSON error shape. */
export function crossSiteResponse(): Response {
  return Response.json(
    { error: "This request came from another site and was refused. Use the form on this site." },
    { status: 403 },
  );
}
