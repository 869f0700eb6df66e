"use client";

import "@/lib/zod-browser";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";

const progressSchema = z.object({
  state: z.string(),
  queued: z.number(),
  total: z.number(),
  done: z.boolean(),
  byState: z.record(z.string(), z.number()),
});

const labels: [string, string][] = [
  ["queued", "Waiting"],
  ["sending", "Being sent"],
  ["retrying", "Retrying"],
  ["accepted", "Accepted"],
  ["attention", "Need attention"],
  ["superseded", "Replaced"],
  ["cancelled", "Cancelled"],
];

/** A sent batch's progress, read from the server every second until nothing is waiting. */
export function BulkProgress({ bulkId }: { bulkId: number }) {
  const { data, error } = useQuery({
    queryKey: ["bulk", bulkId],
    queryFn: async () => {
      const response = await fetch(`/api/review/bulk/${bulkId}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return progressSchema.parse(await response.json());
    },
    refetchInterval: (query) => (query.state.data?.done ? false : 1_000),
  });
  if (error) return <p role="alert">The progress could not be read; it will try again.</p>;
  if (!data) return <p>Reading progress…</p>;
  const finished = (data.byState.accepted ?? 0) + (data.byState.attention ?? 0);
  return (
    <section aria-labelledby="progress-heading" className="space-y-2">
      <h2 id="progress-heading" className="text-lg font-semibold">
        Progress
      </h2>
      <progress max={Math.max(1, data.total)} value={finished} className="w-full" aria-label="Finished" />
      <p aria-live="polite" data-testid="bulk-progress">
        {data.done ? "Done. " : "Sending… "}
        {finished} of {data.total} finished
      </p>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
        {labels.map(([key, label]) => (
          <div key={key}>
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="font-semibold" data-testid={`bulk-${key}`}>
              {data.byState[key] ?? 0}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
