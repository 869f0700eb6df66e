import { cookies } from "next/headers";
import { requestIsHttps, sessionConfig } from "@/lib/auth/guards";
import { beginSignIn, OIDC_COOKIE, OIDC_COOKIE_PATH, oidcEnabled } from "@/lib/auth/oidc";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { handleRoute } from "@/lib/http/route";
import { log } from "@/lib/log";
import { signInSettings } from "@/lib/settings";

/**
 * GET /auth/oidc/start?next=/calls/3: the "company account" button. Makes the flow's
 * state, nonce and PKCE verifier, keeps them in a signed cookie for ten minutes, and sends
 * the browser to the identity provider. 404 when company sign-in is not set up.
 */
async function getHandler(request: Request): Promise<Response> {
  const s = signInSettings();
  if (!oidcEnabled(s)) return new Response("Not found", { status: 404 });
  const next = safeNextPath(new URL(request.url).searchParams.get("next") ?? "/");
  const { secret } = await sessionConfig();
  let begun: Awaited<ReturnType<typeof beginSignIn>>;
  try {
    begun = await beginSignIn(s, next, secret);
  } catch (error) {
    const e = error as { name?: string; code?: string };
    log().error({ event: "oidc_unreachable", error: e.name, code: e.code }, "identity provider unreachable");
    return new Response(null, { status: 303, headers: { Location: "/sign-in?error=oidc_unreachable" } });
  }
  (await cookies()).set(OIDC_COOKIE, begun.cookie, {
    httpOnly: true,
    sameSite: "lax",
    path: OIDC_COOKIE_PATH,
    secure: await requestIsHttps(),
    maxAge: begun.maxAgeS,
  });
  return new Response(null, { status: 303, headers: { Location: begun.url, "Cache-Control": "no-store" } });
}

export const GET = handleRoute(getHandler);
