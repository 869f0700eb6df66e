import { useTranslations } from "next-intl";
import { LocalTime } from "@/components/ui/local-time";
import { describeOutcome, outcomeFromRecord } from "@/lib/isales/outcome-messages";
import type { AttemptView, WriteBackView } from "@/lib/write-back/attempt-view";

/** Text exactly as sent or received, folded away until asked for. */
function Shown({ summary, text }: { summary: string; text: string }) {
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm font-medium text-link">{summary}</summary>
      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded-control bg-surface-muted p-2 text-xs">
        {text}
      </pre>
    </details>
  );
}

function Attempt({ attempt }: { attempt: AttemptView }) {
  const t = useTranslations("callPage.history");
  const outcome = outcomeFromRecord(attempt);
  const rows: [string, string][] = [
    [t("httpStatus"), attempt.httpStatus === null ? t("none") : String(attempt.httpStatus)],
    [t("resultCode"), attempt.resultCode ?? t("none")],
    [t("took"), t("ms", { ms: attempt.durationMs })],
  ];
  return (
    <li className="border-t border-border pt-2">
      <p className="flex flex-wrap items-baseline gap-x-3">
        <LocalTime iso={attempt.startedAt} />
        <span className="font-semibold">{t(`outcome.${attempt.outcome}`)}</span>
        {outcome ? <span>{describeOutcome(outcome).title}</span> : null}
      </p>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {attempt.responseBody !== null ? (
        <Shown summary={t("received")} text={attempt.responseBody || t("emptyBody")} />
      ) : null}
    </li>
  );
}

/** Every write-back of the call, newest first: when, what was sent, what came back. */
export function AttemptHistory({ writeBacks }: { writeBacks: WriteBackView[] }) {
  const t = useTranslations("callPage.history");
  if (writeBacks.length === 0) return <p className="text-muted">{t("noneYet")}</p>;
  return (
    <ol className="space-y-3" aria-label={t("label")}>
      {writeBacks.map((wb) => (
        <li key={wb.id} className="rounded-card border border-border bg-surface p-4">
          <p className="flex flex-wrap items-baseline gap-x-3">
            <span>
              {t.rich("sentAt", { at: () => <LocalTime iso={wb.createdAt} className="font-medium" /> })}
            </span>
            <span className="font-semibold">{t(`delivery.${wb.state}`)}</span>
            <span className="text-sm text-muted">{t(`interface.${wb.interface}`)}</span>
          </p>
          {wb.confirms !== null ? <p className="text-sm text-muted">{t("confirmation")}</p> : null}
          <Shown summary={t("sent")} text={wb.requestBody} />
          {wb.attempts.length > 0 ? (
            <ol className="mt-2 space-y-2" aria-label={t("attempts")}>
              {wb.attempts.map((a) => (
                <Attempt key={a.id} attempt={a} />
              ))}
            </ol>
          ) : (
            <p className="mt-2 text-sm text-muted">{t("noAnswer")}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
