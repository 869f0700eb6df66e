import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { createImportJob } from "@/lib/import-jobs/jobs";
import { databaseSettings } from "@/lib/settings";
import { type UploadProblem, uploadProblems } from "./problems";

/** 20 MB: 100,000 calls of a CSV file fit easily. */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * The browser's own form submission (no JavaScript yet) asks for a page, not JSON: it gets
 * a redirect to the preview, or back to the import page with the problem named.
 */
function wantsPage(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("text/html") && !accept.includes("application/json");
}

function refuse(request: Request, problem: UploadProblem, status: number): Response {
  if (wantsPage(request))
    return new Response(null, { status: 303, headers: { Location: `/supervisor/import?upload=${problem}` } });
  return Response.json({ error: uploadProblems[problem] }, { status });
}

/**
 * The upload of the import page (a route handler: server actions take 1 MB by default).
 * The page's script posts here with fetch; without it, the form posts here itself.
 */
export async function POST(request: Request) {
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(request, "form", 400);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return refuse(request, "empty", 422);
  }
  if (file.size > MAX_BYTES) {
    return refuse(request, "large", 413);
  }
  const job = await createImportJob(await getDb(), {
    userId: auth.user.id,
    fileName: file.name || "upload",
    text: await file.text(),
    timeZone: databaseSettings().ISALES_TIME_ZONE,
  });
  if (wantsPage(request))
    return new Response(null, { status: 303, headers: { Location: `/supervisor/import/${job.id}` } });
  return Response.json({ id: job.id });
}
