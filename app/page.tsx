import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CallList } from "@/components/calls/call-list";
import { QueryProvider } from "@/components/calls/query-provider";
import { ListShortcuts } from "@/components/shortcuts/list-shortcuts";
import { Notice } from "@/components/ui/notice";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireUser } from "@/lib/auth/guards";
import {
  callListQueryKey,
  fallbackListQuery,
  filtersKey,
  firstValues,
  listQuerySchema,
} from "@/lib/calls/list-query";
import { listServiceIds } from "@/lib/calls/queries";
import { getDb } from "@/lib/db";
import { loadCallList } from "./api/calls/load-call-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("calls"))("metaTitle") };
}

/**
 * The previewed calls. The first page is read on the server and handed to TanStack Query
 * in the browser, which keeps it fresh (polling, on focus) without a reload.
 */
export default async function CallsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, t] = await Promise.all([requireUser(), getTranslations("calls")]);
  const params = await searchParams;
  const poolEmpty = params.pool === "empty";
  const parsed = listQuerySchema.safeParse(firstValues(params));
  const query = parsed.success ? parsed.data : fallbackListQuery;
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
    <PageMain>
      <PageHeader
        title={t("title")}
        actions={
          user.role === "agent" ? (
            // A plain form: the route takes the pool's oldest call atomically and opens it.
            <form method="post" action="/api/assignment/take-next">
              <SubmitButton>{t("takeNext")}</SubmitButton>
            </form>
          ) : null
        }
      />
      <ListShortcuts agent={user.role === "agent"} />
      {poolEmpty && <Notice tone="info" title={t("poolEmpty")} />}
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <CallList serviceIds={serviceIds} initialQuery={{ key: filtersKey(params), query }} />
        </HydrationBoundary>
      </QueryProvider>
    </PageMain>
  );
}
