import { authorizeRoute, callNotFoundResponse, canSeeCall } from "@/lib/auth/guards";
import { getCall } from "@/lib/calls/queries";
import { getDb } from "@/lib/db";
import { endDraftIfAccepted } from "@/lib/drafts/drafts";
import { handleRoute } from "@/lib/http/route";
import { loadWriteBackStatus } from "@/lib/write-back/status";
import type { WriteBackStatus } from "@/lib/write-back/status-view";

export const dynamic = "force-dynamic";

const parseId = (raw: string): number | null => (/^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null);

/**
 * Where one write-back of a call stands: the call page polls this while it is not final.
 * Same rules as the page: signed in, and the call is the user's (or a supervisor's);
 * anything else answers as if it did not exist.
 */
async function getHandler(
  _request: Request,
  { params }: { params: Promise<{ id: string; writeBackId: string }> },
): Promise<Response> {
  const auth = await authorizeRoute();
  if (!auth.ok) return auth.response;
  const raw = await params;
  const callId = parseId(raw.id);
  const writeBackId = parseId(raw.writeBackId);
  if (callId === null || writeBackId === null) return callNotFoundResponse();
  const db = await getDb();
  const call = await getCall(db, callId);
  if (!call || !canSeeCall(auth.user, call)) return callNotFoundResponse();
  const found = await loadWriteBackStatus(db, writeBackId);
  if (!found || found.callId !== call.id) return callNotFoundResponse();
  // The sender may have delivered it in the background: the user's draft of it ends now.
  if (found.state === "accepted") await endDraftIfAccepted(db, call.id, auth.user.id);
  const { callId: _c, userId: _u, ...status } = found;
  const body: WriteBackStatus = status;
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

export const GET = handleRoute(getHandler);
