import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER, requestPathForHeader } from "@/lib/auth/request-path";

/**
 * Passes the asked-for path to the server (pages cannot read their own URL) so a sign-in
 * redirect can come back to it. It decides nothing: every page, action and route handler
 * checks the session itself (lib/auth/guards.ts). A client-sent header of that name is
 * replaced, and the value is only ever used through safeNextPath. Only the query's known
 * filter keys are passed on (requestPathForHeader), so nothing personal rides along.
 */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(
    REQUEST_PATH_HEADER,
    requestPathForHeader(request.nextUrl.pathname, request.nextUrl.searchParams),
  );
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
