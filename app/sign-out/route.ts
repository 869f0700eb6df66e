import { cookies } from "next/headers";
import { requestIsHttps, sessionConfig } from "@/lib/auth/guards";
import { deleteSession, SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

/**
 * POST /sign-out: end this session in the database (at once, not at expiry), clear the
 * cookie, and go to /sign-in. A form posts here, so it works without JavaScript. A POST
 * from another site is refused: SameSite=Lax already keeps the cookie off it, and the
 * Origin check stops a forced sign-out too.
 */
function fromHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(request: Request): Promise<Response> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && !fromHost(origin, host)) {
    return Response.json({ error: "Sign-out must come from this site." }, { status: 403 });
  }
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) {
    const [db, config] = await Promise.all([getDb(), sessionConfig()]);
    await deleteSession(db, token, config.secret);
  }
  jar.set(SESSION_COOKIE, "", sessionCookieOptions(await requestIsHttps(), 0));
  // 303: the browser follows with a GET, whatever the form's method was.
  return new Response(null, { status: 303, headers: { Location: "/sign-in" } });
}
