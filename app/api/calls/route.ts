import { firstValues, listQuerySchema } from "@/components/calls/list-query";
import { authorizeRoute } from "@/lib/auth/guards";
import { handleRoute } from "@/lib/http/route";
import { loadCallList } from "./load-call-list";

/** GET /api/calls?state=&serviceId=&q=&page= : one page of the call list, newest first. */
async function getHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute();
  if (!auth.ok) return auth.response;
  const params = new URL(request.url).searchParams;
  const parsed = listQuerySchema.safeParse(firstValues(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const parameter = String(issue?.path[0] ?? "query");
    return Response.json(
      { error: "bad_query", parameter, message: issue?.message ?? `${parameter} is not valid` },
      { status: 400 },
    );
  }
  const page = await loadCallList(parsed.data, auth.user);
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
}

export const GET = handleRoute(getHandler);
