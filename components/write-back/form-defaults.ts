import type { WriteBackFormValues } from "@/lib/write-back/form-schema";
import type { OutcomeJson } from "@/lib/write-back/outcome";
import { outcomeFields } from "@/lib/write-back/outcome-fields";

/** What a draft may restore: the form's text values (see lib/drafts). */
export type DraftView = { values: Partial<Record<string, string>>; savedAt: string };

/** Fields the user types into: a change to one of these is saved as a draft. */
export const draftFields: readonly string[] = [...outcomeFields, "reason"];

/**
 * The form's first values: the call's stored outcome, with the user's unsent draft over
 * it. Times stay blank here: a stored time is an instant, and only the browser knows the
 * agent's zone to write it in (the form fills them in once mounted); a draft's times are
 * already the agent's wall-clock text.
 */
export function formDefaults(input: {
  stored: OutcomeJson;
  draft: DraftView | null;
  version: number;
  phoneNumbers: readonly string[];
  defaultDeviceType: number | null;
}): WriteBackFormValues {
  const { stored, draft, version, phoneNumbers, defaultDeviceType } = input;
  const restored = draft?.values ?? {};
  const draftBase = Number(restored.baseVersion ?? Number.NaN);
  const deviceType = stored.deviceType ?? defaultDeviceType;
  return {
    submissionId: "",
    timeZone: "",
    // A draft keeps the version it was typed on: sending it after someone else's change
    // is then a conflict the user sees, never a silent overwrite.
    baseVersion: Number.isInteger(draftBase) ? draftBase : version,
    reason: "",
    status: stored.status ?? "",
    failCode: stored.failCode ?? "",
    asrResult: stored.asrResult ?? "",
    deviceType: deviceType === null ? "" : String(deviceType),
    phoneNumber:
      stored.phoneNumber && phoneNumbers.includes(stored.phoneNumber)
        ? stored.phoneNumber
        : (phoneNumbers[0] ?? ""),
    callId: stored.callId ?? "",
    writeStartTime: "",
    endCallTime: "",
    ...Object.fromEntries(
      Object.entries(restored).filter(([k, v]) => draftFields.includes(k) && typeof v === "string"),
    ),
  };
}
