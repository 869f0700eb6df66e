"use client";

import "@/lib/zod-browser";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { z } from "zod";
import { useStateWords } from "@/components/ui/delivery-state";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/page-header";
import { deliveryStates } from "@/lib/db/enums";

const progressSchema = z.object({
  state: z.string(),
  queued: z.number(),
  total: z.number(),
  done: z.boolean(),
  byState: z.record(z.string(), z.number()),
});

/** A sent batch's progress, read from the server every second until nothing is waiting. */
export function BulkProgress({ bulkId }: { bulkId: number }) {
  const t = useTranslations("review.progress");
  const words = useStateWords();
  const { data, error } = useQuery({
    queryKey: ["bulk", bulkId],
    queryFn: async () => {
      const response = await fetch(`/api/review/bulk/${bulkId}`, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return progressSchema.parse(await response.json());
    },
    refetchInterval: (query) => (query.state.data?.done ? false : 1_000),
  });
  if (error) return <Notice tone="error">{t("error")}</Notice>;
  if (!data) return <p role="status">{t("reading")}</p>;
  const finished = (data.byState.accepted ?? 0) + (data.byState.attention ?? 0);
  const values = { finished, total: data.total };
  return (
    <Section id="progress-heading" title={t("heading")}>
      <progress
        max={Math.max(1, data.total)}
        value={finished}
        className="w-full accent-primary"
        aria-label={t("finished")}
      />
      <p aria-live="polite" data-testid="bulk-progress">
        {data.done ? t("done", values) : t("sending", values)}
      </p>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
        {deliveryStates.map((key) => (
          <div key={key}>
            <dt className="text-sm text-muted">{words.delivery(key)}</dt>
            <dd className="font-semibold" data-testid={`bulk-${key}`}>
              {data.byState[key] ?? 0}
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
