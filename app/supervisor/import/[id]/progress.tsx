"use client";

import "@/lib/zod-browser";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { z } from "zod";
import { Notice } from "@/components/ui/notice";

const statusSchema = z.object({
  state: z.string(),
  processed: z.number(),
  goodRows: z.number(),
  message: z.string().nullable(),
});
type Status = z.infer<typeof statusSchema>;

const running = (state: string) => state === "queued" || state === "running";

/**
 * The job's progress, read through TanStack Query twice a second while it is queued or
 * running (the polling stops when it ends), then the page is refreshed once.
 */
export function ImportProgress({ id, initial }: { id: number; initial: Status }) {
  const t = useTranslations("import.job");
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["import", id],
    queryFn: async () => {
      const response = await fetch(`/supervisor/import/${id}/status`, { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return statusSchema.parse(await response.json());
    },
    initialData: initial,
    refetchInterval: (query) => (running(query.state.data?.state ?? "done") ? 500 : false),
  });
  const active = running(data.state);
  const startedActive = running(initial.state);
  useEffect(() => {
    if (startedActive && !active) router.refresh();
  }, [startedActive, active, router]);
  const total = Math.max(1, data.goodRows);
  return (
    <div className="space-y-2">
      <label htmlFor="import-progress" className="block">
        {t("progress", { processed: data.processed, total: data.goodRows })}
      </label>
      <progress
        id="import-progress"
        max={total}
        value={Math.min(total, data.processed)}
        className="w-full accent-primary"
      />
      {active ? (
        <p role="status" aria-live="polite">
          {data.state === "queued" ? t("waiting") : t("importing")}
        </p>
      ) : data.message ? (
        <Notice tone={data.state === "failed" ? "error" : "success"}>{data.message}</Notice>
      ) : null}
    </div>
  );
}
