import { LocalTime } from "@/components/ui/local-time";
import { deliveryStateWords } from "@/lib/write-back/status-view";
import type { VersionView } from "@/lib/write-back/versions";
import { ChangeList } from "./conflict-panel";

/** Every version of the call's outcome, newest first: who, when, why, what changed, what iSales said. */
export function VersionHistory({ versions }: { versions: VersionView[] }) {
  if (versions.length === 0)
    return <p className="text-slate-700">No outcome has been recorded for this call yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Versions, newest first">
      {versions.map((v) => (
        <li
          key={v.version}
          className="rounded-lg border border-slate-300 bg-white p-4"
          data-testid="call-version"
        >
          <p className="flex flex-wrap items-baseline gap-x-3">
            <span className="font-semibold">Version {v.version}</span>
            <span>by {v.changedBy ?? "unknown"}</span>
            <LocalTime iso={v.createdAt} />
          </p>
          {v.reason ? (
            <p className="mt-1">
              <span className="font-medium">Reason:</span> {v.reason}
            </p>
          ) : null}
          <div className="mt-1">
            <ChangeList changes={v.changes} />
          </div>
          {v.writeBack ? (
            <p className="mt-1 text-sm">
              <span className="font-medium">iSales:</span> {deliveryStateWords[v.writeBack.state]}
              {v.writeBack.answer ? ` — ${v.writeBack.answer}` : ""}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
