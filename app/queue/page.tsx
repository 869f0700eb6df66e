import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QueryProvider } from "@/components/calls/query-provider";
import { QueueView } from "@/components/queue/queue-view";
import { ActionNotice } from "@/components/ui/action-notice";
import { PageHeader, PageMain } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { queueStates } from "@/lib/review/queue";
import { cancelAction, retryAction } from "./actions";
import { loadQueueView, queuePageParam, queueStateParam } from "./load-queue";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("queue"))("title") };
}

/** Every write-back not yet accepted: waiting, being sent, retrying or needing attention. */
export default async function QueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("supervisor");
  const params = await searchParams;
  const state = queueStateParam(params.state);
  const page = queuePageParam(params.page);
  const [initial, t] = await Promise.all([
    loadQueueView(await getDb(), state, page),
    getTranslations("queue"),
  ]);
  return (
    <PageMain width="full">
      <PageHeader title={t("heading")} description={t("description")} />
      <ActionNotice params={params} />
      <QueryProvider>
        <QueueView
          initial={initial}
          states={[...queueStates]}
          state={state}
          page={page}
          retryAction={retryAction}
          cancelAction={cancelAction}
        />
      </QueryProvider>
    </PageMain>
  );
}
