"use client";

import "@/lib/zod-browser";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { z } from "zod";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useStateWords } from "@/components/ui/delivery-state";
import { type WriteBackState, writeBackStates } from "@/lib/db/enums";

const countsSchema = z.object({
  counts: z.record(z.enum(writeBackStates), z.number().int().min(0)),
  /** States whose count is an estimate (more calls than are counted exactly). */
  estimated: z.array(z.enum(writeBackStates)),
});
type Counts = z.infer<typeof countsSchema>;

/**
 * Calls per write-back state for the filter; each count is a link that sets the filter's
 * state (the same `state` the form's control shows), or clears it when it is the one
 * applied. Read again every 5 s while the page is visible (TanStack Query stops polling in
 * a hidden tab).
 */
export function StateCounts({
  initial,
  search,
  hrefs,
  current,
}: {
  initial: Counts;
  /** The filter as a query string, for the counts' address. */
  search: string;
  /** The address each count leads to. */
  hrefs: Record<WriteBackState, string>;
  current: WriteBackState | undefined;
}) {
  const t = useTranslations("review");
  const words = useStateWords();
  const { data } = useQuery({
    queryKey: ["review-counts", search],
    queryFn: async () => {
      const response = await fetch(`/api/review/counts?${search}`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return countsSchema.parse(await response.json());
    },
    initialData: initial,
    refetchInterval: 5_000,
  });
  return (
    <nav aria-label={t("countsLabel")} className="flex flex-wrap gap-2">
      {writeBackStates.map((s) => (
        <Link
          key={s}
          href={hrefs[s]}
          aria-current={current === s ? "true" : undefined}
          className={cn(
            buttonVariants({ variant: "secondary", size: "sm" }),
            current === s && "border-2 border-primary bg-info-bg font-semibold",
          )}
          data-testid={`count-${s}`}
        >
          {t(data.estimated.includes(s) ? "countAbout" : "count", {
            state: words.writeBack(s),
            count: data.counts[s] ?? 0,
          })}
        </Link>
      ))}
    </nav>
  );
}
