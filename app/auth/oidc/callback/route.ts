import { cookies } from "next/headers";
import { clientAddress, requestIsHttps, sessionConfig } from "@/lib/auth/guards";
import {
  finishSignIn,
  identityFromClaims,
  OIDC_COOKIE,
  OIDC_COOKIE_PATH,
  oidcEnabled,
  openFlow,
  provisionUser,
} from "@/lib/auth/oidc";
import { createSession, SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { log } from "@/lib/log";
import { signInSettings } from "@/lib/settings";

const back = (location: string) =>
  new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

/**
 * GET /auth/oidc/callback: where the identity provider sends the browser back. The flow's
 * cookie must come back signed and in time; openid-client exchanges the code (PKCE) and
 * checks state, nonce and the ID token; the groups claim gives the role. Then a session of
 * ours, exactly as a local sign-in makes one. Every refusal goes to the sign-in page with a
 * reason it words; the log names the reason and the user, never a code or a token.
 */
async function getHandler(request: Request): Promise<Response> {
  const s = signInSettings();
  if (!oidcEnabled(s)) return new Response("Not found", { status: 404 });
  const jar = await cookies();
  const [config, secure, address] = await Promise.all([sessionConfig(), requestIsHttps(), clientAddress()]);
  const flow = openFlow(jar.get(OIDC_COOKIE)?.value, config.secret);
  // One use: the flow's cookie goes whatever happens next.
  jar.set(OIDC_COOKIE, "", { httpOnly: true, sameSite: "lax", path: OIDC_COOKIE_PATH, secure, maxAge: 0 });
  if (!flow) {
    log().info({ event: "oidc_sign_in_failed", reason: "flow", address }, "company sign-in: no valid flow");
    return back("/sign-in?error=oidc_flow");
  }
  const finished = await finishSignIn(s, new URL(request.url).search, flow);
  if (!finished.ok) {
    log().info(
      { event: "oidc_sign_in_failed", reason: finished.reason, detail: finished.detail, address },
      "company sign-in failed",
    );
    return back(`/sign-in?error=oidc_${finished.reason}`);
  }
  const who = identityFromClaims(finished.claims, s);
  if (!who.ok) {
    log().info({ event: "oidc_sign_in_failed", reason: who.reason, address }, "company sign-in refused");
    return back(`/sign-in?error=oidc_${who.reason}`);
  }
  const db = await getDb();
  const provisioned = await provisionUser(db, who.identity);
  if (!provisioned.ok) {
    log().info(
      { event: "oidc_sign_in_failed", reason: provisioned.reason, username: who.identity.username, address },
      "company sign-in refused",
    );
    return back(`/sign-in?error=oidc_${provisioned.reason}`);
  }
  const session = await createSession(db, provisioned.user.id, config);
  jar.set(SESSION_COOKIE, session.token, sessionCookieOptions(secure, session.maxAgeS));
  log().info(
    {
      event: "sign_in",
      via: "oidc",
      userId: provisioned.user.id,
      username: provisioned.user.username,
      address,
    },
    "signed in",
  );
  return back(flow.next);
}

export const GET = handleRoute(getHandler);
