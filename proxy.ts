import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER, requestPathForHeader, withoutPersonalQuery } from "@/lib/auth/request-path";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import {
  checkServerActionRequest,
  crossSitePostRefusal,
  isServerActionRequest,
  oversizedFormPostRefusal,
} from "@/lib/http/server-action-guard";
import { webSettings } from "@/lib/settings";

/**
 * Runs for every request, static files and errors included. It sets the security headers
 * (lib/http/security-headers.ts) with a fresh CSP nonce, handing the policy to Next.js in the
 * request so its scripts carry the nonce; refuses server-action requests that Next.js would
 * answer with a 500 (lib/http/server-action-guard.ts); and passes the asked-for path to the
 * server (pages cannot read their own URL) so a sign-in redirect can come back to it. It
 * decides nothing else: every page, action and route handler checks the session itself
 * (lib/auth/guards.ts). A client-sent header of that name is replaced, and the value is only
 * ever used through safeNextPath.
 * Only the query's known filter keys are passed on (requestPathForHeader), so nothing
 * personal rides along.
 */
export async function proxy(request: NextRequest) {
  const { HSTS_ENABLED, NODE_ENV } = webSettings();
  const headers = securityHeaders({
    nonce: newNonce(),
    dev: NODE_ENV === "development",
    https: HSTS_ENABLED,
  });
  const refused =
    crossSitePostRefusal(request, request.nextUrl.pathname) ??
    oversizedFormPostRefusal(request, request.nextUrl.pathname) ??
    (isServerActionRequest(request) ? await checkServerActionRequest(request) : null);
  if (refused) {
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  // A page asked for with a password or personal data in its address: the same page without
  // them (the machine API under /api/ has its own documented parameters and refusals).
  const { pathname, searchParams } = request.nextUrl;
  if (
    (request.method === "GET" || request.method === "HEAD") &&
    !pathname.startsWith("/api/") &&
    !pathname.startsWith("/_next/")
  ) {
    const cleaned = withoutPersonalQuery(searchParams);
    if (cleaned !== null) {
      const target = request.nextUrl.clone();
      target.search = cleaned.toString();
      const redirect = NextResponse.redirect(target, 303);
      redirect.headers.set("Cache-Control", "no-store");
      for (const [name, value] of Object.entries(headers)) redirect.headers.set(name, value);
      return redirect;
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(
    REQUEST_PATH_HEADER,
    requestPathForHeader(request.nextUrl.pathname, request.nextUrl.searchParams),
  );
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every path: the headers belong on static files and error pages too.
  matcher: "/:path*",
};
