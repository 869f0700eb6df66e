import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CallData } from "@/components/calls/call-data";
import { QueryProvider } from "@/components/calls/query-provider";
import { StateBadge } from "@/components/calls/state-badge";
import { LocalTime } from "@/components/ui/local-time";
import { AttemptHistory } from "@/components/write-back/attempt-history";
import { VersionHistory } from "@/components/write-back/version-history";
import { WriteBackForm } from "@/components/write-back/write-back-form";
import { isSupervisor, requireCallAccess, requireUser } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { getCall } from "@/lib/calls/queries";
import { catalogue } from "@/lib/catalogue";
import { getDb } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/drafts";
import { loadWriteBackHistory } from "@/lib/write-back/history";
import { outcomeOf, outcomeToJson } from "@/lib/write-back/outcome";
import { loadWriteBackStatus } from "@/lib/write-back/status";
import { isFinal, type WriteBackStatus } from "@/lib/write-back/status-view";
import { loadVersionHistory } from "@/lib/write-back/versions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("callPage"))("metaTitle") };
}

/** Only the status goes to the browser, not whose write-back it is. */
const withoutOwner = ({
  callId: _c,
  userId: _u,
  ...status
}: WriteBackStatus & { callId: number; userId: number | null }) => status;

const parseId = (raw: string): number | null => (/^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null);

/**
 * Where "back" goes: the review with its filters when the call was opened from it (its
 * link carries `back`), else the list. Only a review address on this site is taken.
 */
function backLink(raw: string | string[] | undefined): "/" | `/review${string}` {
  const path = typeof raw === "string" ? safeNextPath(raw) : "/";
  return path === "/review" || path.startsWith("/review?") ? (path as `/review${string}`) : "/";
}

export default async function CallPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const [db, t] = await Promise.all([getDb(), getTranslations("callPage")]);
  const call = requireCallAccess(user, await getCall(db, id));
  const [writeBacks, versions, draft] = await Promise.all([
    loadWriteBackHistory(db, call.id),
    loadVersionHistory(db, call.id),
    loadDraft(db, call.id, user.id),
  ]);
  // The latest write-back, while still on its way, is followed live (also after a reload).
  const latest = writeBacks[0];
  const found = latest && !isFinal(latest.state) ? await loadWriteBackStatus(db, latest.id) : null;
  const pending: WriteBackStatus | null = found ? withoutOwner(found) : null;
  const correcting = isSupervisor(user);
  const { statuses, failCodes, deviceTypes, defaultDeviceType, asrSuggestions, rules } = catalogue();
  const back = backLink((await searchParams).back);
  const callRows: [string, React.ReactNode][] = [
    [
      t("call.numbers"),
      <span key="n" className="font-mono">
        {call.phoneNumbers.join(", ")}
      </span>,
    ],
    [t("call.task"), call.serviceId],
    [t("call.customerId"), call.uniqueId],
    [t("call.fetched"), <LocalTime key="f" iso={call.fetchTime.toISOString()} />],
  ];

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-6">
      <p>
        <Link href={back} className="text-blue-800 underline underline-offset-2">
          {back === "/" ? t("backToList") : t("backToReview")}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("title", { numbers: call.phoneNumbers.join(", ") })}</h1>
        <StateBadge state={call.writeBackState} />
      </div>

      <Section id="call-heading" title={t("call.heading")}>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {callRows.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-medium text-slate-800">{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mb-2 mt-4 font-semibold">{t("call.callData")}</h3>
        <CallData text={call.callData} />
      </Section>

      <Section id="write-back-heading" title={correcting ? t("correctHeading") : t("recordHeading")}>
        <QueryProvider>
          <WriteBackForm
            callRecordId={call.id}
            version={call.version}
            phoneNumbers={call.phoneNumbers}
            fetchTime={call.fetchTime.toISOString()}
            options={{ statuses, failCodes, deviceTypes, defaultDeviceType, asrSuggestions, rules }}
            stored={outcomeToJson(outcomeOf(call))}
            draft={draft ? { values: draft.values, savedAt: draft.updatedAt.toISOString() } : null}
            requireReason={correcting}
            pending={pending}
          />
        </QueryProvider>
      </Section>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-lg font-semibold">
          {t("versionsHeading")}
        </h2>
        <VersionHistory versions={versions} />
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("historyHeading")}
        </h2>
        <AttemptHistory writeBacks={writeBacks} />
      </section>
    </main>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
