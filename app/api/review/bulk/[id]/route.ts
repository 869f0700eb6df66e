import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { bulkProgress, getBulkJob } from "@/lib/review/bulk";

/** GET /api/review/bulk/:id : a bulk re-send's state and its write-backs' progress. Supervisors only. */
async function getHandler(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  const db = await getDb();
  const job = await getBulkJob(db, Number((await params).id));
  if (!job) return Response.json({ error: "This re-send does not exist." }, { status: 404 });
  const progress = await bulkProgress(db, job.id);
  return Response.json(
    { id: job.id, state: job.state, queued: job.queued, ...progress },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const GET = handleRoute(getHandler);
