import { cookies } from "next/headers";
import { requestIsHttps, sessionConfig } from "@/lib/auth/guards";
import { deleteSession, SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { crossSiteResponse, isSameOrigin } from "@/lib/http/same-origin";

/**
 * POST /sign-out: end this session in the database (at once, not at expiry), clear the
 * cookie, and go to /sign-in. A form posts here, so it works without JavaScript. A POST
 * from another site is refused: SameSite=Lax already keeps the cookie off it, and the
 * Origin check stops a forced sign-out too.
 */
async function postHandler(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return crossSiteResponse();
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

export const POST = handleRoute(postHandler);
