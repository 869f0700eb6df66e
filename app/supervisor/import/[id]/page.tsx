import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getImportJob } from "@/lib/import-jobs/jobs";
import { ChoiceForm } from "./choice-form";
import { ImportProgress } from "./progress";

export const metadata: Metadata = { title: "Import" };
export const dynamic = "force-dynamic";

export default async function ImportJobPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("supervisor");
  const id = Number((await params).id);
  const job = Number.isSafeInteger(id) ? await getImportJob(await getDb(), id) : null;
  if (!job) notFound();
  const columns = ["line", "serviceId", "uniqueId", "phoneNumber", "callData", "agent"] as const;
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-6">
      <p>
        <Link href="/supervisor/import" className="underline">
          All imports
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Import of {job.fileName}</h1>
      <p>
        {job.goodRows.toLocaleString("en")} good row(s), {job.badRows.toLocaleString("en")} bad row(s) (
        {job.format}
        {job.encoding ? `, read as ${job.encoding}` : ""}).
      </p>
      {job.warnings.map((w) => (
        <p key={w} className="text-sm text-amber-800">
          Note: {w}
        </p>
      ))}
      {job.state === "preview" ? (
        <ChoiceForm id={job.id} badRows={job.badRows} />
      ) : (
        <ImportProgress
          id={job.id}
          initial={{
            state: job.state,
            processed: job.processed,
            goodRows: job.goodRows,
            message: job.message,
          }}
        />
      )}
      <section aria-labelledby="preview" className="space-y-2">
        <h2 id="preview" className="text-lg font-semibold">
          First rows
        </h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {job.preview.map((row) => (
              <tr key={row.line} className="border-t border-slate-200">
                {columns.map((c) => (
                  <td key={c}>{row[c]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {job.errorCount > 0 ? (
        <section aria-labelledby="errors" className="space-y-2">
          <h2 id="errors" className="text-lg font-semibold">
            Bad rows ({job.errorCount.toLocaleString("en")} problem(s)
            {job.errorCount > job.errors.length ? `, the first ${job.errors.length} listed` : ""})
          </h2>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {job.errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a line may have several problems of one field
                <tr key={i} className="border-t border-slate-200">
                  <td>{e.record === undefined ? e.line : `${e.line} (record ${e.record})`}</td>
                  <td>{e.field}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}
