"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Status = { state: string; processed: number; goodRows: number; message: string | null };

/** Polls the job while it is queued or running, then refreshes the page once it ends. */
export function ImportProgress({ id, initial }: { id: number; initial: Status }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const active = status.state === "queued" || status.state === "running";
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(async () => {
      const response = await fetch(`/supervisor/import/${id}/status`, { cache: "no-store" });
      if (!response.ok) return;
      const next = (await response.json()) as Status;
      setStatus(next);
      if (next.state !== "queued" && next.state !== "running") router.refresh();
    }, 500);
    return () => clearInterval(timer);
  }, [active, id, router]);
  const total = Math.max(1, status.goodRows);
  return (
    <div className="space-y-1">
      <label htmlFor="import-progress">
        Imported {status.processed.toLocaleString("en")} of {status.goodRows.toLocaleString("en")} rows
      </label>
      <progress
        id="import-progress"
        max={total}
        value={Math.min(total, status.processed)}
        className="w-full"
      />
      <p role="status" aria-live="polite">
        {status.state === "queued"
          ? "Waiting to start…"
          : status.state === "running"
            ? "Importing…"
            : status.message}
      </p>
    </div>
  );
}
