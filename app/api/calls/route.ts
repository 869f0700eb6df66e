import { authorizeRoute } from "@/lib/auth/guards";
import { firstValues, listQuerySchema, personalQueryKeys } from "@/lib/calls/list-query";
import { handleRoute } from "@/lib/http/route";
import { loadCallList } from "./load-call-list";

function badQuery(error: { issues: { path: PropertyKey[]; message: string }[] }, fallback: string): Response {
  const issue = error.issues[0];
  const parameter = String(issue?.path[0] ?? fallback);
  return Response.json(
    { error: "bad_query", parameter, message: issue?.message ?? `${parameter} is not valid` },
    { status: 400 },
  );
}

/**
 * GET /api/calls?state=&serviceId=&page= : one page of the call list, newest first. A
 * search (`q`: a phone number or customer id) is personal data and is never read from an
 * address: a GET carrying one is refused without looking at it; POST it instead.
 */
async function getHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute();
  if (!auth.ok) return auth.response;
  const params = new URL(request.url).searchParams;
  const personal = personalQueryKeys.find((key) => params.has(key));
  if (personal) {
    return Response.json(
      {
        error: "personal_data_in_query",
        parameter: personal,
        message: `${personal} is personal data and is not read from the address: send it as JSON in the body of POST /api/calls`,
      },
      { status: 400 },
    );
  }
  const parsed = listQuerySchema.safeParse(firstValues(params));
  if (!parsed.success) return badQuery(parsed.error, "query");
  const page = await loadCallList(parsed.data, auth.user);
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
}

/**
 * POST /api/calls with a JSON body {state?, serviceId?, q?, page?}: the same page of the
 * list, searched. Reads nothing, so it needs no Origin check: another site can neither
 * send it with a JSON body without a preflight nor read the answer.
 */
async function postHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute();
  if (!auth.ok) return auth.response;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json(
      { error: "bad_body", parameter: "body", message: "Send the filters as a JSON object" },
      { status: 400 },
    );
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return Response.json(
      { error: "bad_body", parameter: "body", message: "Send the filters as a JSON object" },
      { status: 400 },
    );
  }
  const parsed = listQuerySchema.safeParse(body);
  if (!parsed.success) return badQuery(parsed.error, "body");
  const page = await loadCallList(parsed.data, auth.user);
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
}

export const GET = handleRoute(getHandler);
export const POST = handleRoute(postHandler);
