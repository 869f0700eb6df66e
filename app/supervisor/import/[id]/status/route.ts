import { z } from "zod";
import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { getImportJob } from "@/lib/import-jobs/jobs";
import { importOutcomeText } from "../outcome";

/** The job's state and progress, polled by the job page. */
async function getHandler(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  const id = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await params).id);
  const job = id.success ? await getImportJob(await getDb(), id.data) : null;
  if (!job) return Response.json({ error: "There is no such import." }, { status: 404 });
  const { state, processed, goodRows, inserted, updated, badRows } = job;
  // The outcome in the user's language (the job's own message is the English for the logs).
  const message = await importOutcomeText(job);
  return Response.json({ state, processed, goodRows, inserted, updated, message, badRows });
}

export const GET = handleRoute(getHandler);
