import { getLocale, getTranslations } from "next-intl/server";
import { authorizeRoute } from "@/lib/auth/guards";
import { decodeImportFile, describeEncoding } from "@/lib/calls/decode";
import { catalogue } from "@/lib/catalogue";
import { getDb } from "@/lib/db";
import { readBodyLimited } from "@/lib/http/body";
import { handleRoute } from "@/lib/http/route";
import { crossSiteResponse, isSameOrigin } from "@/lib/http/same-origin";
import { createImportJob } from "@/lib/import-jobs/jobs";
import { databaseSettings } from "@/lib/settings";
import { validationMessagesFor } from "@/lib/validation/messages-locale";
import { textProblem, textProblemMessage } from "@/lib/validation/text";
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

function refuse(request: Request, problem: UploadProblem, status: number, detail?: string): Response {
  if (wantsPage(request))
    return new Response(null, { status: 303, headers: { Location: `/supervisor/import?upload=${problem}` } });
  return Response.json(
    {
      error: detail ?? uploadProblems[problem],
      problem,
      field: problem === "encoding" ? "encoding" : "file",
    },
    { status },
  );
}

/**
 * The upload of the import page (a route handler: server actions take 1 MB by default).
 * The page's script posts here with fetch; without it, the form posts here itself.
 */
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
    return refuse(request, "form", 400);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return refuse(request, "empty", 422);
  }
  if (file.size > MAX_BYTES) {
    return refuse(request, "large", 413);
  }
  const fileName = file.name || "upload";
  // The details are worded in the user's language: the import page shows them as they come.
  const t = await getTranslations("import.upload.details");
  const nameProblem = textProblem(fileName);
  if (nameProblem) {
    return refuse(
      request,
      "name",
      422,
      textProblemMessage(nameProblem, t("fileName"), validationMessagesFor(await getLocale())),
    );
  }
  const choice = form.get("encoding") ?? "auto";
  if (choice !== "auto" && choice !== "utf-8" && choice !== "gb18030") {
    return refuse(request, "encoding", 422);
  }
  // Read as bytes: file.text() would silently replace what is not UTF-8.
  const decoded = decodeImportFile(new Uint8Array(await file.arrayBuffer()), choice);
  if (!decoded.ok) {
    const encoding = choice === "gb18030" ? "GB18030 (GBK)" : "UTF-8";
    return refuse(
      request,
      "undecodable",
      422,
      t(`undecodable.${decoded.reason}`, { line: decoded.line, encoding }),
    );
  }
  const job = await createImportJob(await getDb(), {
    userId: auth.user.id,
    fileName,
    text: decoded.text,
    timeZone: databaseSettings().ISALES_TIME_ZONE,
    encoding: describeEncoding(decoded),
    earliestYear: catalogue().rules.times.earliestYear,
  });
  if (wantsPage(request))
    return new Response(null, { status: 303, headers: { Location: `/supervisor/import/${job.id}` } });
  return Response.json({ id: job.id });
}

export const POST = handleRoute(postHandler);
