import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { listImportJobs } from "@/lib/import-jobs/jobs";
import { uploadProblemText } from "./upload/problems";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Import calls" };
export const dynamic = "force-dynamic";

/** Supervisors (and admins): upload a file of calls, then check and import it. */
export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  // Set by the upload handler when a plain form (no JavaScript) was refused.
  const problem = uploadProblemText((await searchParams).upload);
  const jobs = await listImportJobs(await getDb());
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-6">
      <h1 className="text-2xl font-semibold">Import calls</h1>
      <p className="text-sm">
        Columns (CSV header or JSON fields): subCCNo, vdnId, serviceId, uniqueId, phoneNumber (several
        separated by ;), callData, and optionally callerNumber, fetchTime and agent (the username the call is
        given to). The same call (vdnId, serviceId, uniqueId) imported again is updated, not doubled.
      </p>
      <section aria-labelledby="upload" className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id="upload" className="text-lg font-semibold">
          Upload
        </h2>
        {problem ? (
          <p role="alert" className="text-red-800">
            {problem}
          </p>
        ) : null}
        <UploadForm />
      </section>
      <section aria-labelledby="recent" className="space-y-3">
        <h2 id="recent" className="text-lg font-semibold">
          Recent imports
        </h2>
        <ul className="list-disc pl-6 text-sm">
          {jobs.map((j) => (
            <li key={j.id}>
              <Link href={`/supervisor/import/${j.id}`} className="underline">
                {j.fileName}
              </Link>{" "}
              ({j.state}, {j.goodRows} good, {j.badRows} bad)
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
