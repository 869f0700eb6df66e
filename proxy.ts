import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path";

/**
 * Passes the asked-for path to the server (pages cannot read their own URL) so a sign-in
 * redirect can come back to it. It decides nothing: every page, action and route handler
 * checks the session itself (lib/auth/guards.ts). A client-sent header of that name is
 * replaced, and the value is only ever used through safeNextPath.
 */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
