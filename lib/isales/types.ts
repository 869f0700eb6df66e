/**
 * The app's own view of iSales: the shapes every other module uses. The vendor's wire
 * shapes stop in lib/isales/client.ts; nothing outside it parses an iSales answer.
 */

/** The 13 fields of midresult and call/result, in the documented order. */
export const midresultFieldOrder = [
  "subCCNo",
  "vdnId",
  "uniqueId",
  "serviceId",
  "status",
  "deviceType",
  "phoneNumber",
  "failCode",
  "asrResult",
  "fetchTime",
  "writeStartTime",
  "endCallTime",
  "callId",
] as const;

/**
 * The write-back body as sent. subCCNo and vdnId are JSON integers; deviceType is an
 * integer when given and "" when not (the vendor's example sends empty optional fields
 * as ""); times are `yyyy-MM-dd HH:mm:ss` in ISALES_TIME_ZONE or "".
 */
export type MidresultBody = {
  subCCNo: number;
  vdnId: number;
  uniqueId: string;
  serviceId: string;
  status: string;
  deviceType: number | "";
  phoneNumber: string;
  failCode: string;
  asrResult: string;
  fetchTime: string;
  writeStartTime: string;
  endCallTime: string;
  callId: string;
};

/** What the app knows about a write-back before it becomes a body. Times are instants. */
export type WriteBackInput = {
  subCCNo: number;
  vdnId: number;
  uniqueId: string;
  serviceId: string;
  status?: string | null;
  deviceType?: number | null;
  phoneNumber?: string | null;
  failCode?: string | null;
  asrResult?: string | null;
  fetchTime?: Date | null;
  writeStartTime?: Date | null;
  endCallTime?: Date | null;
  callId?: string | null;
};

export type NoAnswerReason = "timeout" | "refused" | "reset" | "dns" | "other";

/** One typed outcome of a write-back (or any business call that answers {result}). */
export type WriteBackOutcome =
  | { kind: "accepted"; httpStatus: 200; resultCode: string }
  | { kind: "refused"; httpStatus: 200; resultCode: string }
  | { kind: "http_error"; httpStatus: number }
  | { kind: "no_answer"; reason: NoAnswerReason }
  | { kind: "invalid_answer"; httpStatus: number; bodyExcerpt: string };

/** An outcome with what was measured around it. */
export type WriteBackResult = {
  outcome: WriteBackOutcome;
  /** Exact JSON text sent. */
  requestBody: string;
  /** The answer's body as received, cut to 4 KiB; null when there was no answer. */
  responseBody: string | null;
  durationMs: number;
  startedAt: Date;
};

/** A record of outbound call data from `callnos`, reshaped. */
export type CallnosRecord = {
  serviceId: string;
  uniqueId: string;
  phoneNumbers: string[];
  callData: string;
  callerNumber: string;
  ieData: string;
};

/** A callnos record that could not be parsed, kept with the reason. */
export type CallnosRejected = { raw: unknown; reason: string };

export type Task = { serviceId: string };

/** Plain-words meaning of each outcome for agents: what happened and what to do. */
export type OutcomeMessage = { tone: "success" | "warning" | "error"; title: string; action: string };
