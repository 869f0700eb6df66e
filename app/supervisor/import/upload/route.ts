import { authorizeRoute } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { crossSiteResponse, isSameOrigin } from "@/lib/http/same-origin";
import { createImportJob } from "@/lib/import-jobs/jobs";
import { databaseSettings } from "@/lib/settings";

/** 20 MB: 100,000 calls of a CSV file fit easily. */
const MAX_BYTES = 20 * 1024 * 1024;

/** The upload of the import page (a route handler: server actions take 1 MB by default). */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return crossSiteResponse();
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: "Send the file as a form upload." }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return Response.json({ error: "Choose a CSV or JSON file to upload." }, { status: 422 });
  }
  if (file.size > MAX_BYTES) {
    return Response.json({ error: "The file is larger than 20 MB: split it." }, { status: 413 });
  }
  const job = await createImportJob(await getDb(), {
    userId: auth.user.id,
    fileName: file.name || "upload",
    text: await file.text(),
    timeZone: databaseSettings().ISALES_TIME_ZONE,
  });
  return Response.json({ id: job.id });
}
