import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { CallList } from "@/components/calls/call-list";
import { QueryProvider } from "@/components/calls/query-provider";
import { requireUser } from "@/lib/auth/guards";
import { callListQueryKey, firstValues, listQuerySchema } from "@/lib/calls/list-query";
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
  const params = await searchParams;
  const poolEmpty = params.pool === "empty";
  const parsed = listQuerySchema.safeParse(firstValues(params));
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
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Previewed calls</h1>
        {user.role === "agent" && (
          // A plain form: the route takes the pool's oldest call atomically and opens it.
          <form method="post" action="/api/assignment/take-next">
            <button type="submit" className="button-primary">
              Take next call
            </button>
          </form>
        )}
      </div>
      {poolEmpty && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2">
          The pool is empty: there is no call to take right now.
        </p>
      )}
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <CallList serviceIds={serviceIds} />
        </HydrationBoundary>
      </QueryProvider>
    </main>
  );
}
