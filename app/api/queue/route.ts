import { loadQueueView, queuePageParam, queueStateParam } from "@/app/queue/load-queue";
import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";

/** GET /api/queue?state=&page= : one page of the write-back queue, polled by /queue. Supervisors only. */
async function getHandler(request: Request): Promise<Response> {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  const sp = new URL(request.url).searchParams;
  const view = await loadQueueView(
    await getDb(),
    queueStateParam(sp.get("state")),
    queuePageParam(sp.get("page")),
  );
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
}

export const GET = handleRoute(getHandler);
