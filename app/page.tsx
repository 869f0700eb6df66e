import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { CallList } from "@/components/calls/call-list";
import { callListQueryKey, firstValues, listQuerySchema } from "@/components/calls/list-query";
import { QueryProvider } from "@/components/calls/query-provider";
import { requireUser } from "@/lib/auth/guards";
import { listServiceIds } from "@/lib/calls/queries";
import { getDb } from "@/lib/db";
import { loadCallList } from "./api/calls/load-call-list";

export const metadata: Metadata = { title: "Calls" };

/**
 * The previewed calls. The first page is read on the server and handed to TanStack Query
 * in the browser, which keeps it fresh (polling, on focus) without a reload.
 */
export default async function CallsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const parsed = listQuerySchema.safeParse(firstValues(await searchParams));
  const query = parsed.success ? parsed.data : { page: 1 };
  // One QueryClient per request: a server cache shared between agents would leak lists.
  const queryClient = new QueryClient();
  const [serviceIds] = await Promise.all([
    getDb().then((db) => listServiceIds(db)),
    queryClient.prefetchQuery({
      queryKey: callListQueryKey(query),
      queryFn: () => loadCallList(query, user),
    }),
  ]);

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Previewed calls</h1>
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <CallList serviceIds={serviceIds} />
        </HydrationBoundary>
      </QueryProvider>
    </main>
  );
}
