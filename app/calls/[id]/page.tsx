import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CallData } from "@/components/calls/call-data";
import { StateBadge } from "@/components/calls/state-badge";
import { LocalTime } from "@/components/ui/local-time";
import { AttemptHistory } from "@/components/write-back/attempt-history";
import { VersionHistory } from "@/components/write-back/version-history";
import { WriteBackForm } from "@/components/write-back/write-back-form";
import { isSupervisor, requireCallAccess, requireUser } from "@/lib/auth/guards";
import { getCall } from "@/lib/calls/queries";
import { catalogue } from "@/lib/catalogue";
import { getDb } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/drafts";
import { loadWriteBackHistory } from "@/lib/write-back/history";
import { loadWriteBackStatus } from "@/lib/write-back/status";
import { isFinal, type WriteBackStatus } from "@/lib/write-back/status-view";
import { loadVersionHistory } from "@/lib/write-back/versions";

export const metadata: Metadata = { title: "Call" };

/** Only the status goes to the browser, not whose write-back it is. */
const withoutOwner = ({
  callId: _c,
  userId: _u,
  ...status
}: WriteBackStatus & { callId: number; userId: number | null }) => status;

const parseId = (raw: string): number | null => (/^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : null);

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const db = await getDb();
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

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-6">
      <p>
        <Link href="/" className="text-blue-800 underline underline-offset-2">
          ← All calls
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Call to {call.phoneNumbers.join(", ")}</h1>
        <StateBadge state={call.writeBackState} />
      </div>

      <section aria-labelledby="call-heading" className="rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="call-heading" className="mb-3 text-lg font-semibold">
          The call
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium text-slate-800">Numbers</dt>
          <dd className="font-mono">{call.phoneNumbers.join(", ")}</dd>
          <dt className="font-medium text-slate-800">Task</dt>
          <dd>{call.serviceId}</dd>
          <dt className="font-medium text-slate-800">Customer id</dt>
          <dd>{call.uniqueId}</dd>
          <dt className="font-medium text-slate-800">Fetched</dt>
          <dd>
            <LocalTime iso={call.fetchTime.toISOString()} />
          </dd>
        </dl>
        <h3 className="mb-2 mt-4 font-semibold">Call data</h3>
        <CallData text={call.callData} />
      </section>

      <section
        aria-labelledby="write-back-heading"
        className="rounded-lg border border-slate-300 bg-white p-4"
      >
        <h2 id="write-back-heading" className="mb-3 text-lg font-semibold">
          {correcting ? "Correct the outcome" : "Record the outcome"}
        </h2>
        <WriteBackForm
          callRecordId={call.id}
          version={call.version}
          phoneNumbers={call.phoneNumbers}
          fetchTime={call.fetchTime.toISOString()}
          options={{ statuses, failCodes, deviceTypes, defaultDeviceType, asrSuggestions, rules }}
          stored={{
            status: call.status,
            failCode: call.failCode,
            asrResult: call.asrResult,
            deviceType: call.deviceType,
            phoneNumber: call.phoneNumber,
            callId: call.callId,
            writeStartTime: call.writeStartTime?.toISOString() ?? null,
            endCallTime: call.endCallTime?.toISOString() ?? null,
          }}
          draft={draft ? { values: draft.values, savedAt: draft.updatedAt.toISOString() } : null}
          requireReason={correcting}
          pending={pending}
        />
      </section>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-lg font-semibold">
          Outcome versions
        </h2>
        <VersionHistory versions={versions} />
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Write-back history
        </h2>
        <AttemptHistory writeBacks={writeBacks} />
      </section>
    </main>
  );
}
