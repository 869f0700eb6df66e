import { authorizeRoute } from "@/lib/auth/guards";
import { decodeImportFile, describeEncoding } from "@/lib/calls/decode";
import { getDb } from "@/lib/db";
import { readBodyLimited } from "@/lib/http/body";
import { handleRoute } from "@/lib/http/route";
import { crossSiteResponse, isSameOrigin } from "@/lib/http/same-origin";
import { createImportJob } from "@/lib/import-jobs/jobs";
import { databaseSettings } from "@/lib/settings";
import { textProblem, textProblemMessage } from "@/lib/validation/text";

/** 20 MB: 100,000 calls of a CSV file fit easily. */
const MAX_BYTES = 20 * 1024 * 1024;

/** The upload of the import page (a route handler: server actions take 1 MB by default). */
async function postHandler(request: Request) {
  if (!isSameOrigin(request)) return crossSiteResponse();
  const auth = await authorizeRoute("supervisor");
  if (!auth.ok) return auth.response;
  // The file plus the form's own bytes: the file's size is checked again below.
  const read = await readBodyLimited(request, MAX_BYTES + 64 * 1024, "split the file.");
  if (!read.ok) return read.response;
  let form: FormData;
  try {
    form = await new Response(read.bytes, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
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
  const fileName = file.name || "upload";
  const nameProblem = textProblem(fileName);
  if (nameProblem) {
    return Response.json(
      { error: textProblemMessage(nameProblem, "The file's name"), field: "file" },
      { status: 422 },
    );
  }
  const choice = form.get("encoding") ?? "auto";
  if (choice !== "auto" && choice !== "utf-8" && choice !== "gb18030") {
    return Response.json(
      { error: "Encoding: choose Detect, UTF-8 or GB18030 (GBK).", field: "encoding" },
      { status: 422 },
    );
  }
  // Read as bytes: file.text() would silently replace what is not UTF-8.
  const decoded = decodeImportFile(new Uint8Array(await file.arrayBuffer()), choice);
  if (!decoded.ok) {
    return Response.json(
      { error: `Line ${decoded.line}: the file ${decoded.message}. Nothing was read.`, field: "file" },
      { status: 422 },
    );
  }
  const job = await createImportJob(await getDb(), {
    userId: auth.user.id,
    fileName,
    text: decoded.text,
    timeZone: databaseSettings().ISALES_TIME_ZONE,
    encoding: describeEncoding(decoded),
  });
  return Response.json({ id: job.id });
}

export const POST = handleRoute(postHandler);
