"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { QueryProvider } from "@/components/calls/query-provider";
import type { WriteBackStatus } from "@/lib/write-back/status-view";
import { FIRST_POLL_MS, pollDelayMs } from "./write-back-status";

async function fetchStatus(callRecordId: number, id: number): Promise<WriteBackStatus> {
  const res = await fetch(`/api/calls/${callRecordId}/write-backs/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  const [body, { statusAnswer }] = await Promise.all([
    res.json() as Promise<unknown>,
    import("@/lib/write-back/status-answer"),
  ]);
  if (!statusAnswer.safeParse(body).success) throw new Error("unreadable status");
  return body as WriteBackStatus;
}

/**
 * Polls one write-back that is still on its way through TanStack Query (the page's
 * QueryClient): the status route with pollDelayMs's backoff while the state can change,
 * no more once it is final. Each answer goes to `onStatus`; it shows nothing itself.
 * Loaded by ./write-back-status.tsx only when there is something to follow.
 */
export function StatusFollower(props: {
  callRecordId: number;
  tracked: WriteBackStatus;
  onStatus: (status: WriteBackStatus) => void;
}) {
  return (
    <QueryProvider>
      <Follow {...props} />
    </QueryProvider>
  );
}

function Follow({
  callRecordId,
  tracked,
  onStatus,
}: {
  callRecordId: number;
  tracked: WriteBackStatus;
  onStatus: (status: WriteBackStatus) => void;
}) {
  const { data } = useQuery({
    queryKey: ["write-back-status", callRecordId, tracked.id],
    queryFn: () => fetchStatus(callRecordId, tracked.id),
    initialData: tracked,
    // The status the send answered with is fresh: the first poll comes FIRST_POLL_MS later.
    initialDataUpdatedAt: Date.now(),
    staleTime: FIRST_POLL_MS,
    retry: false,
    refetchOnWindowFocus: false,
    refetchInterval: (query) =>
      query.state.data?.final
        ? false
        : pollDelayMs(query.state.dataUpdateCount + query.state.errorUpdateCount),
  });
  useEffect(() => onStatus(data), [data, onStatus]);
  return null;
}
