import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { type MidresultBody, midresultFieldOrder, type WriteBackInput } from "./types";

/**
 * The write-back body, built and serialised without any server dependency: the server
 * action, the tests and the browser's preview all produce the same bytes from it.
 */

/** `yyyy-MM-dd HH:mm:ss` wall-clock time of an instant in an IANA time zone. */
export function formatIsalesTime(date: Date, timeZone: string): string {
  return format(new TZDate(date.getTime(), timeZone), "yyyy-MM-dd HH:mm:ss");
}

const text = (value: string | null | undefined): string => value ?? "";

const time = (value: Date | null | undefined, timeZone: string): string =>
  value ? formatIsalesTime(value, timeZone) : "";

/** All 13 fields; empty optional fields as "", as the vendor's example sends them. */
export function buildMidresultBody(input: WriteBackInput, timeZone: string): MidresultBody {
  return {
    subCCNo: input.subCCNo,
    vdnId: input.vdnId,
    uniqueId: input.uniqueId,
    serviceId: input.serviceId,
    status: text(input.status),
    deviceType: input.deviceType ?? "",
    phoneNumber: text(input.phoneNumber),
    failCode: text(input.failCode),
    asrResult: text(input.asrResult),
    fetchTime: time(input.fetchTime, timeZone),
    writeStartTime: time(input.writeStartTime, timeZone),
    endCallTime: time(input.endCallTime, timeZone),
    callId: text(input.callId),
  };
}

/** What a write-back body takes from the call itself, as the database stores it. */
export type CallForBody = {
  subCcNo: number;
  vdnId: number;
  uniqueId: string;
  serviceId: string;
  fetchTime: Date | null;
};

/** An outcome: the fields an agent records (status, codes, number, call id, times). */
export type OutcomeInput = Omit<WriteBackInput, "subCCNo" | "vdnId" | "uniqueId" | "serviceId" | "fetchTime">;

/** A call's stored outcome, as its row holds it. */
export function storedOutcome(call: { [K in keyof Required<OutcomeInput>]: OutcomeInput[K] }): OutcomeInput {
  return {
    status: call.status,
    failCode: call.failCode,
    asrResult: call.asrResult,
    deviceType: call.deviceType,
    phoneNumber: call.phoneNumber,
    callId: call.callId,
    writeStartTime: call.writeStartTime,
    endCallTime: call.endCallTime,
  };
}

/** The exact body of a call's write-back with this outcome, serialised as it is stored and sent. */
export function writeBackBodyFor(call: CallForBody, outcome: OutcomeInput, timeZone: string): string {
  return serializeMidresultBody(
    buildMidresultBody(
      {
        ...outcome,
        subCCNo: call.subCcNo,
        vdnId: call.vdnId,
        uniqueId: call.uniqueId,
        serviceId: call.serviceId,
        fetchTime: call.fetchTime,
      },
      timeZone,
    ),
  );
}

/**
 * Compact JSON with the keys in the documented order. This text is stored before it is
 * sent and sent byte for byte, so the record shows exactly what iSales received.
 */
export function serializeMidresultBody(body: MidresultBody): string {
  if (!Number.isInteger(body.subCCNo) || !Number.isInteger(body.vdnId)) {
    throw new TypeError("subCCNo and vdnId must be integers");
  }
  if (body.deviceType !== "" && !Number.isInteger(body.deviceType)) {
    throw new TypeError("deviceType must be an integer or empty");
  }
  const parts = midresultFieldOrder.map((key) => `${JSON.stringify(key)}:${JSON.stringify(body[key])}`);
  return `{${parts.join(",")}}`;
}
