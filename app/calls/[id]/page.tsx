import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod/mini";
import { CallData, PairList } from "@/components/calls/call-data";
import { FinalisePanel, FinalLockedNotice } from "@/components/calls/finalise-panel";
import { Badge } from "@/components/ui/badge";
import { WriteBackStateBadge } from "@/components/ui/delivery-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { AttemptHistory } from "@/components/write-back/attempt-history";
import { NextCallButton } from "@/components/write-back/next-call";
import { VersionHistory } from "@/components/write-back/version-history";
import { WriteBackForm } from "@/components/write-back/write-back-form";
import { defaultLocale } from "@/i18n/config";
import { localeSchema } from "@/i18n/locale-schema";
import { autoAdvanceOf, nextOwnCallId } from "@/lib/assignment/next-call";
import { isSupervisor, requireCallAccess, requireUser } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { getCall } from "@/lib/calls/queries";
import { catalogue } from "@/lib/catalogue";
import { agentMayFinalise } from "@/lib/catalogue-schema";
import {
  localizedDeviceTypes,
  localizedFailCodes,
  localizedQuickOutcomes,
  localizedStatuses,
} from "@/lib/catalogue-text";
import { getDb } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/drafts";
import { settings } from "@/lib/settings";
import { loadWriteBackHistory } from "@/lib/write-back/history";
import { codeMeanings, outcomeOf, outcomeToJson } from "@/lib/write-back/outcome";
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
  const agent = user.role === "agent";
  const [writeBacks, versions, draft, autoAdvance, nextCallId] = await Promise.all([
    loadWriteBackHistory(db, call.id),
    loadVersionHistory(db, call.id),
    loadDraft(db, call.id, user.id),
    agent ? autoAdvanceOf(db, user.id) : false,
    agent ? nextOwnCallId(db, user.id, call.id) : null,
  ]);
  // The latest write-back, while still on its way, is followed live (also after a reload).
  // (A confirmation, sent again by the product after an uncertain send, is not followed.)
  const latest = writeBacks.find((w) => w.confirms === null);
  const found = latest && !isFinal(latest.state) ? await loadWriteBackStatus(db, latest.id) : null;
  const pending: WriteBackStatus | null = found ? withoutOwner(found) : null;
  const correcting = isSupervisor(user);
  // Codes in the user's language, failure codes with their search keys (code, meanings,
  // pinyin); the server's checks and messages use the catalogue as the file has it.
  const locale = z.catch(localeSchema, defaultLocale).parse(await getLocale());
  const cat = catalogue();
  const { defaultDeviceType, asrSuggestions, rules } = cat;
  const statuses = localizedStatuses(cat, locale);
  const failCodes = localizedFailCodes(cat, locale);
  const deviceTypes = localizedDeviceTypes(cat, locale);
  const back = backLink((await searchParams).back);
  const callRows = [
    [
      t("call.numbers"),
      <span key="n" className="font-mono">
        {call.phoneNumbers.join(", ")}
      </span>,
    ],
    [t("call.task"), call.serviceId],
    [t("call.customerId"), call.uniqueId],
    [t("call.fetched"), <LocalTime key="f" iso={call.fetchTime.toISOString()} />],
  ] as const;

  return (
    <PageMain>
      <PageHeader
        back={{ href: back, label: back === "/" ? t("backToList") : t("backToReview") }}
        title={t("title", { numbers: call.phoneNumbers.join(", ") })}
        actions={
          <>
            {call.finalisedAt !== null ? <Badge tone="info">{t("final.badge")}</Badge> : null}
            <WriteBackStateBadge state={call.writeBackState} />
          </>
        }
      />

      <Section card id="call-heading" title={t("call.heading")}>
        <PairList pairs={callRows} />
        <h3 className="font-semibold">{t("call.callData")}</h3>
        <CallData text={call.callData} />
      </Section>

      <Section card id="write-back-heading" title={correcting ? t("correctHeading") : t("recordHeading")}>
        {call.finalisedAt !== null && !correcting ? (
          <>
            <FinalLockedNotice />
            {agent ? <NextCallButton callRecordId={call.id} nextCallId={nextCallId} /> : null}
          </>
        ) : (
          <WriteBackForm
            callRecordId={call.id}
            userId={user.id}
            version={call.version}
            phoneNumbers={call.phoneNumbers}
            fetchTime={call.fetchTime.toISOString()}
            options={{ statuses, failCodes, deviceTypes, defaultDeviceType, asrSuggestions, rules }}
            stored={outcomeToJson(outcomeOf(call))}
            draft={draft ? { values: draft.values, savedAt: draft.updatedAt.toISOString() } : null}
            requireReason={correcting}
            pending={pending}
            quickOutcomes={localizedQuickOutcomes(cat, locale)}
            dialAction={settings().DIAL_ACTION}
            backHref={back}
            desk={
              user.role === "agent"
                ? { accepted: call.writeBackState === "accepted" && !draft, autoAdvance, nextCallId }
                : null
            }
          />
        )}
      </Section>

      <Section id="final-heading" title={t("final.heading")}>
        <FinalisePanel
          call={call}
          supervising={correcting}
          mayFinalise={correcting || agentMayFinalise(cat, call)}
        />
      </Section>

      <Section id="versions-heading" title={t("versionsHeading")}>
        <VersionHistory versions={versions} meanings={codeMeanings({ statuses, failCodes, deviceTypes })} />
      </Section>

      <Section id="history-heading" title={t("historyHeading")}>
        <AttemptHistory writeBacks={writeBacks} />
      </Section>
    </PageMain>
  );
}
