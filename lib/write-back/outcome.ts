import "@/lib/zod-browser";
import { z } from "zod/mini";
import { buildMidresultBody, serializeMidresultBody } from "@/lib/isales/body";
import type { MidresultBody } from "@/lib/isales/types";

/**
 * The outcome of a call: what an agent records and what is written back to iSales. The
 * one place its eight fields are named. Browser-safe (no database import): the call page
 * hands a stored outcome to the form as `OutcomeJson`, the form reads it back with
 * `outcomeFromJson`, the server records it on the call, keeps it in a version, and sends it
 * with `midresultBodyFor`. What an outcome must say (the catalogue's rules) is checked by
 * the one rule schema, `writeBackSchemaFor` (lib/write-back/form-schema.ts), which parses
 * the form's text to an `Outcome`.
 */

export {
  type CodeMeanings,
  codeMeanings,
  isOutcomeField,
  isTimeField,
  type OutcomeField,
  outcomeFields,
  timeFields,
} from "./outcome-fields";

/** An outcome as recorded on a call: an empty field is null, times are instants. */
export const outcomeSchema = z.object({
  status: z.nullable(z.string()),
  failCode: z.nullable(z.string()),
  asrResult: z.nullable(z.string()),
  deviceType: z.nullable(z.number().check(z.int(), z.nonnegative())),
  /** Null only on a call with no outcome yet: a write-back always names the number dialled. */
  phoneNumber: z.nullable(z.string()),
  callId: z.nullable(z.string()),
  writeStartTime: z.nullable(z.date()),
  endCallTime: z.nullable(z.date()),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/** An outcome as it travels as JSON (to the browser, into a version row): times as ISO text. */
export const outcomeJsonSchema = z.extend(outcomeSchema, {
  writeStartTime: z.nullable(z.iso.datetime()),
  endCallTime: z.nullable(z.iso.datetime()),
});
export type OutcomeJson = z.infer<typeof outcomeJsonSchema>;

/** The outcome recorded on a call (any row with the eight columns). */
export function outcomeOf(call: Outcome): Outcome {
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

export function outcomeToJson(outcome: Outcome): OutcomeJson {
  return {
    ...outcomeOf(outcome),
    writeStartTime: outcome.writeStartTime?.toISOString() ?? null,
    endCallTime: outcome.endCallTime?.toISOString() ?? null,
  };
}

export function outcomeFromJson(json: OutcomeJson): Outcome {
  return {
    ...json,
    writeStartTime: json.writeStartTime === null ? null : new Date(json.writeStartTime),
    endCallTime: json.endCallTime === null ? null : new Date(json.endCallTime),
  };
}

/** What of the call itself goes into a write-back besides the outcome. */
export type CallForBody = {
  subCcNo: number;
  vdnId: number;
  uniqueId: string;
  serviceId: string;
  fetchTime: Date;
};

/** The iSales midresult body for this call and outcome, times written in `timeZone`. */
export function midresultBodyFor(call: CallForBody, outcome: Outcome, timeZone: string): MidresultBody {
  return buildMidresultBody(
    {
      subCCNo: call.subCcNo,
      vdnId: call.vdnId,
      uniqueId: call.uniqueId,
      serviceId: call.serviceId,
      fetchTime: call.fetchTime,
      ...outcomeOf(outcome),
    },
    timeZone,
  );
}

/** The body as the exact text stored and sent (keys in the documented order). */
export function midresultTextFor(call: CallForBody, outcome: Outcome, timeZone: string): string {
  return serializeMidresultBody(midresultBodyFor(call, outcome, timeZone));
}
