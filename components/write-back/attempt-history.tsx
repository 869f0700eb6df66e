import { LocalTime } from "@/components/ui/local-time";
import type { DeliveryState } from "@/lib/db/enums";
import { describeOutcome, outcomeFromRecord } from "@/lib/isales/outcome-messages";
import type { AttemptView, WriteBackView } from "@/lib/write-back/attempt-view";

const deliveryWords: Record<DeliveryState, string> = {
  queued: "Waiting to be sent",
  sending: "Being sent",
  retrying: "Will be sent again",
  accepted: "Accepted",
  attention: "Not accepted",
  superseded: "Replaced by a newer outcome",
  cancelled: "Cancelled",
};

const outcomeWords: Record<AttemptView["outcome"], string> = {
  accepted: "Accepted",
  refused: "Refused",
  http_error: "HTTP error",
  no_answer: "No answer",
  invalid_answer: "Unreadable answer",
};

function Attempt({ attempt }: { attempt: AttemptView }) {
  const outcome = outcomeFromRecord(attempt);
  return (
    <li className="border-t border-slate-200 pt-2">
      <p className="flex flex-wrap items-baseline gap-x-3">
        <LocalTime iso={attempt.startedAt} />
        <span className="font-semibold">{outcomeWords[attempt.outcome]}</span>
        {outcome ? <span className="text-slate-800">{describeOutcome(outcome).title}</span> : null}
      </p>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
        <dt className="text-slate-700">HTTP status</dt>
        <dd>{attempt.httpStatus ?? "none"}</dd>
        <dt className="text-slate-700">Result code</dt>
        <dd>{attempt.resultCode ?? "none"}</dd>
        <dt className="text-slate-700">Took</dt>
        <dd>{attempt.durationMs} ms</dd>
      </dl>
      {attempt.responseBody !== null ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-sm font-medium text-blue-800">What came back</summary>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs">
            {attempt.responseBody || "(empty)"}
          </pre>
        </details>
      ) : null}
    </li>
  );
}

/** Every write-back of the call, newest first: when, what was sent, what came back. */
export function AttemptHistory({ writeBacks }: { writeBacks: WriteBackView[] }) {
  if (writeBacks.length === 0) {
    return <p className="text-slate-700">Nothing has been written back for this call yet.</p>;
  }
  return (
    <ol className="space-y-3" aria-label="Write-backs, newest first">
      {writeBacks.map((wb) => (
        <li key={wb.id} className="rounded-lg border border-slate-300 bg-white p-4">
          <p className="flex flex-wrap items-baseline gap-x-3">
            <span>
              Sent <LocalTime iso={wb.createdAt} className="font-medium" />
            </span>
            <span className="font-semibold">{deliveryWords[wb.state]}</span>
          </p>
          <details className="mt-2">
            <summary className="cursor-pointer text-sm font-medium text-blue-800">What was sent</summary>
            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs">
              {wb.requestBody}
            </pre>
          </details>
          {wb.attempts.length > 0 ? (
            <ol className="mt-2 space-y-2" aria-label="Attempts, newest first">
              {wb.attempts.map((a) => (
                <Attempt key={a.id} attempt={a} />
              ))}
            </ol>
          ) : (
            <p className="mt-2 text-sm text-slate-700">No answer recorded yet.</p>
          )}
        </li>
      ))}
    </ol>
  );
}
