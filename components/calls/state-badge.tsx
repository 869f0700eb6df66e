import type { WriteBackState } from "@/lib/db/enums";

/** Plain words for each write-back state; colour only repeats what the words say. */
export const stateLabels: Record<WriteBackState, string> = {
  none: "Not sent",
  pending: "Sending",
  accepted: "Accepted",
  refused: "Refused",
  failed: "Failed",
};

const stateClasses: Record<WriteBackState, string> = {
  none: "bg-slate-100 text-slate-800 ring-slate-300",
  pending: "bg-amber-100 text-amber-900 ring-amber-300",
  accepted: "bg-green-100 text-green-900 ring-green-300",
  refused: "bg-red-100 text-red-900 ring-red-300",
  failed: "bg-orange-100 text-orange-900 ring-orange-300",
};

export function StateBadge({ state }: { state: WriteBackState }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${stateClasses[state]}`}
    >
      {stateLabels[state]}
    </span>
  );
}
