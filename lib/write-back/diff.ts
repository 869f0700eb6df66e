/**
 * Field-by-field differences between two versions of a call's outcome, and their labels.
 * Browser-safe: the call page shows them in the history and in a save conflict.
 */

import { type OutcomeField, outcomeFields } from "./outcome";

export type OutcomeValues = Record<string, string | number | null>;

export type FieldChange = {
  field: string;
  label: string;
  before: string | number | null;
  after: string | number | null;
};

export const outcomeFieldLabels: Record<OutcomeField, string> & Record<string, string> = {
  status: "Call status",
  failCode: "Failure cause code",
  asrResult: "Detection result (ASR)",
  deviceType: "Device type",
  phoneNumber: "Number dialled",
  callId: "Call id",
  writeStartTime: "Call start time",
  endCallTime: "Call end time",
};

const fieldOrder: readonly string[] = outcomeFields;

const normal = (v: unknown): string | number | null =>
  v === undefined || v === null || v === "" ? null : typeof v === "number" ? v : String(v);

/** What changed from `before` to `after`, in the form's field order. */
export function diffOutcome(before: OutcomeValues, after: OutcomeValues): FieldChange[] {
  const keys = [...new Set([...fieldOrder, ...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => normal(before[k]) !== normal(after[k]))
    .map((k) => ({
      field: k,
      label: outcomeFieldLabels[k] ?? k,
      before: normal(before[k]),
      after: normal(after[k]),
    }));
}

/** A stored diff ({ field: [before, after] }) as a list of changes. */
export function changesFromStored(diff: Record<string, [unknown, unknown]>): FieldChange[] {
  const keys = Object.keys(diff).sort((a, b) => {
    const ia = fieldOrder.indexOf(a);
    const ib = fieldOrder.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  return keys.map((k) => {
    const [before, after] = diff[k] ?? [null, null];
    return { field: k, label: outcomeFieldLabels[k] ?? k, before: normal(before), after: normal(after) };
  });
}

export { isTimeField } from "./outcome";
