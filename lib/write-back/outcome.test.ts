import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogueSchema } from "@/lib/catalogue-schema";
import { writeBackSchemaFor } from "./form-schema";
import {
  midresultBodyFor,
  midresultTextFor,
  type Outcome,
  outcomeFields,
  outcomeFromJson,
  outcomeJsonSchema,
  outcomeOf,
  outcomeSchema,
  outcomeToJson,
} from "./outcome";

const call = {
  subCcNo: 1,
  vdnId: 22,
  uniqueId: "U-1",
  serviceId: "T-9",
  fetchTime: new Date("2026-03-01T01:00:00Z"),
};

const outcome: Outcome = {
  status: "5",
  failCode: "00146",
  asrResult: null,
  deviceType: 5,
  phoneNumber: "13900000001",
  callId: "CALL-1",
  writeStartTime: new Date("2026-03-01T02:00:00Z"),
  endCallTime: new Date("2026-03-01T02:03:30Z"),
};

describe("the outcome model", () => {
  it("reads exactly the eight outcome fields from a call row, whatever else the row holds", () => {
    const row = { ...call, ...outcome, id: 7, version: 3, callData: "{}", assignedTo: 4 };
    expect(outcomeOf(row)).toEqual(outcome);
    expect(Object.keys(outcomeOf(row))).toEqual([...outcomeFields]);
    expect(outcomeSchema.parse(outcomeOf(row))).toEqual(outcome);
  });

  it("travels as JSON with ISO times and comes back the same", () => {
    const json = outcomeToJson(outcome);
    expect(json.writeStartTime).toBe("2026-03-01T02:00:00.000Z");
    expect(outcomeJsonSchema.parse(JSON.parse(JSON.stringify(json)))).toEqual(json);
    expect(outcomeFromJson(json)).toEqual(outcome);
    const empty = outcomeToJson({ ...outcome, writeStartTime: null, endCallTime: null });
    expect(outcomeFromJson(empty)).toMatchObject({ writeStartTime: null, endCallTime: null });
  });

  it("refuses an outcome whose fields have the wrong types", () => {
    expect(outcomeSchema.safeParse({ ...outcome, deviceType: "5" }).success).toBe(false);
    expect(outcomeSchema.safeParse({ ...outcome, writeStartTime: "2026-03-01" }).success).toBe(false);
    expect(outcomeJsonSchema.safeParse({ ...outcomeToJson(outcome), endCallTime: "yesterday" }).success).toBe(
      false,
    );
  });

  it("builds the iSales body from the call and the outcome, times in the given zone", () => {
    expect(midresultBodyFor(call, outcome, "Asia/Shanghai")).toEqual({
      subCCNo: 1,
      vdnId: 22,
      uniqueId: "U-1",
      serviceId: "T-9",
      status: "5",
      deviceType: 5,
      phoneNumber: "13900000001",
      failCode: "00146",
      asrResult: "",
      fetchTime: "2026-03-01 09:00:00",
      writeStartTime: "2026-03-01 10:00:00",
      endCallTime: "2026-03-01 10:03:30",
      callId: "CALL-1",
    });
    expect(midresultTextFor(call, outcome, "UTC")).toBe(
      '{"subCCNo":1,"vdnId":22,"uniqueId":"U-1","serviceId":"T-9","status":"5","deviceType":5,"phoneNumber":"13900000001","failCode":"00146","asrResult":"","fetchTime":"2026-03-01 01:00:00","writeStartTime":"2026-03-01 02:00:00","endCallTime":"2026-03-01 02:03:30","callId":"CALL-1"}',
    );
  });

  it("is what the one rule schema parses the form to: the form's outcome and a stored call's give the same body", () => {
    const shipped = catalogueSchema.parse(JSON.parse(readFileSync("config/catalogue.json", "utf8")));
    const schema = writeBackSchemaFor(shipped, {
      fetchTime: call.fetchTime,
      phoneNumbers: ["13900000001"],
      now: () => new Date("2026-03-01T03:00:00Z"),
    });
    const parsed = schema.parse({
      submissionId: "6f1c2a52-8c1e-4f7e-9a51-1c1d2e3f4a5b",
      baseVersion: "0",
      timeZone: "Asia/Shanghai",
      status: "5",
      failCode: "00146",
      asrResult: "",
      deviceType: "5",
      phoneNumber: "13900000001",
      callId: "CALL-1",
      writeStartTime: "2026-03-01T10:00:00",
      endCallTime: "2026-03-01T10:03:30",
    });
    expect(outcomeSchema.parse(parsed.outcome)).toEqual(outcome);
    // Recorded on the call and read back for a bulk re-send: the same bytes.
    const stored = outcomeOf({ ...call, ...parsed.outcome });
    expect(midresultTextFor(call, stored, "UTC")).toBe(midresultTextFor(call, parsed.outcome, "UTC"));
  });
});
