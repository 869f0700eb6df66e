import { isSameOrigin } from "./same-origin";

/**
 * Checks made in proxy.ts on a server-action request (a POST with a `Next-Action` header)
 * before Next.js decodes it. Next.js 16 answers these cases itself with HTTP 500 and an
 * error digest (see docs/hardening.md): a foreign Origin, a body over
 * serverActions.bodySizeLimit, a text body that is not the JSON array it expects. Refused
 * here, they get a 4xx with a JSON message instead, and nothing is logged as a crash.
 */

/** Must equal serverActions.bodySizeLimit in next.config.ts. */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;

const refusal = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status });

export function isServerActionRequest(request: Request): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

/**
 * Every POST outside the key-authenticated API (/api/v1: no cookies, so nothing to forge)
 * must come from this site: server actions, the forms that post to them without JavaScript
 * (no Next-Action header; Next.js would answer a foreign one with 500), and route handlers
 * (which check again themselves).
 */
export function crossSitePostRefusal(request: Request, pathname: string): Response | null {
  if (request.method !== "POST" || pathname.startsWith("/api/v1/") || isSameOrigin(request)) return null;
  return refusal(403, "cross_site", "This request came from another site and was refused.");
}

export async function checkServerActionRequest(request: Request): Promise<Response | null> {
  if (!isSameOrigin(request)) {
    return refusal(403, "cross_site", "This request came from another site and was refused.");
  }
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > SERVER_ACTION_BODY_LIMIT) {
    return refusal(413, "too_large", "What you sent is larger than 1 MB. Shorten it and try again.");
  }
  // Arguments without files travel as one JSON array (text/plain); with files or FormData,
  // as multipart whose part "0" is the root (Next.js answers 500 "Connection closed" without it).
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    if (form === null || !form.has("0")) {
      return refusal(400, "malformed", "The request could not be read. Reload the page and try again.");
    }
  }
  if (type.startsWith("text/plain")) {
    const text = await request.clone().text();
    if (text.length > SERVER_ACTION_BODY_LIMIT) {
      return refusal(413, "too_large", "What you sent is larger than 1 MB. Shorten it and try again.");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return refusal(400, "malformed", "The request could not be read. Reload the page and try again.");
    }
    if (!Array.isArray(parsed)) {
      return refusal(400, "malformed", "The request could not be read. Reload the page and try again.");
    }
  }
  return null;
}

/** Route handlers that take a POST of their own (they set and check their own limits). */
const POST_ROUTES = ["/api/", "/supervisor/import/upload", "/sign-out"];

/**
 * A form posted to a server action without JavaScript (no Next-Action header; the action id
 * travels in a field) whose declared body is over the limit: Next.js would answer 500
 * before our code runs. Every POST to a page is such a form, so the declared length is
 * enough to refuse it, with a page a person can read.
 */
export function oversizedFormPostRefusal(request: Request, pathname: string): Response | null {
  if (request.method !== "POST" || request.headers.has("next-action")) return null;
  if (POST_ROUTES.some((p) => pathname === p || pathname.startsWith(p))) return null;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isFinite(declared) || declared <= SERVER_ACTION_BODY_LIMIT) return null;
  const html =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too large · Preview Desk</title></head>' +
    "<body><main><h1>What you sent is too large</h1><p>The form held more than 1 MB. Shorten what you typed, " +
    'go back and try again.</p><p><a href="/">Back to Preview Desk</a></p></main></body></html>';
  return new Response(html, { status: 413, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
