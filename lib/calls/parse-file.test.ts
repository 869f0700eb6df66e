import { describe, expect, it } from "vitest";
import { parseFetchTime } from "./import-row";
import { parseCallsFile } from "./parse-file";

const now = new Date("2025-01-02T03:04:05Z");
const opts = { timeZone: "Asia/Shanghai", now };

describe("parseCallsFile: CSV", () => {
  it("reads good rows, `;`-separated numbers, quoted multi-line cells and blank lines", () => {
    const csv = [
      "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,callerNumber,fetchTime",
      '1,88,1251250797,21713676089219765504,13800000001; 13800000002,"name=Li\nplan=gold",95555,2024-05-01 14:30:00',
      "",
      "2,89,T2,C2,*123#,,,",
    ].join("\r\n");
    const { rows, errors, badRows } = parseCallsFile(csv, "csv", opts);
    expect(errors).toEqual([]);
    expect(badRows).toBe(0);
    expect(rows).toEqual([
      {
        subCcNo: 1,
        vdnId: 88,
        serviceId: "1251250797",
        uniqueId: "21713676089219765504",
        phoneNumbers: ["13800000001", "13800000002"],
        callData: "name=Li\nplan=gold",
        callerNumber: "95555",
        // 14:30 in Shanghai (UTC+8) is 06:30 UTC.
        fetchTime: new Date("2024-05-01T06:30:00Z"),
      },
      {
        subCcNo: 2,
        vdnId: 89,
        serviceId: "T2",
        uniqueId: "C2",
        phoneNumbers: ["*123#"],
        callData: "",
        callerNumber: "",
        fetchTime: now,
      },
    ]);
  });

  it("reports every bad row by the line a person sees and the field, without echoing numbers", () => {
    const csv = [
      "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,fetchTime",
      '1,88,S,U1,111,"two\nlines",',
      "1,0,S,U2,13812345678x,data,",
      "x,88,,U3,,data,2024-02-30 10:00:00",
      "1,88,S,U4,222,data",
      "1,88,S,U1,333,again,",
    ].join("\n");
    const { rows, errors, badRows } = parseCallsFile(csv, "csv", opts);
    expect(rows.map((r) => r.uniqueId)).toEqual(["U1"]);
    expect(badRows).toBe(4);
    expect(errors.map((e) => `${e.line} ${e.field}`)).toEqual([
      "4 vdnId",
      "4 phoneNumber",
      "5 subCCNo",
      "5 serviceId",
      "5 phoneNumber",
      "5 fetchTime",
      "6 row",
      "7 uniqueId",
    ]);
    expect(errors.find((e) => e.line === 4 && e.field === "vdnId")?.message).toBe(
      "must be a whole number from 1 to 9,999",
    );
    expect(errors.find((e) => e.line === 7)?.message).toMatch(/already on line 2/);
    expect(JSON.stringify(errors)).not.toContain("13812345678");
  });

  it("names a missing column once, on the header line, and imports no row", () => {
    const csv = "subCCNo,vdnId,serviceId,uniqueId,callData,phone_numbers\n1,88,S,U,x,111\n";
    const result = parseCallsFile(csv, "csv", opts);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      {
        line: 1,
        field: "phoneNumber",
        message: "column is missing from the header row",
        code: "columnMissing",
      },
    ]);
    expect(result.badRows).toBe(1);
    expect(result.warnings).toEqual(['column "phone_numbers" is not one Preview Desk reads; it was ignored']);
  });

  it("says an empty file is empty", () => {
    expect(parseCallsFile("", "csv", opts).errors).toEqual([
      {
        line: 1,
        field: "file",
        message: "is empty: it needs a header row and a row per call",
        code: "emptyFile",
      },
    ]);
  });
});

describe("parseCallsFile: JSON", () => {
  it("reads arrays or `;` strings of numbers, callData objects as JSON text, and iSales's seviceId", () => {
    const json = JSON.stringify(
      [
        {
          subCCNo: 1,
          vdnId: 88,
          serviceId: "S1",
          uniqueId: "U1",
          phoneNumber: ["111", "222"],
          callData: { name: "Li", plan: "gold" },
          fetchTime: "2024-05-01T14:30:00+08:00",
        },
        { subCCNo: "2", vdnId: "89", seviceId: "S2", uniqueId: "U2", phoneNumber: "333;444", callData: "x" },
      ],
      null,
      2,
    );
    const { rows, errors } = parseCallsFile(json, "json", opts);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        subCcNo: 1,
        vdnId: 88,
        serviceId: "S1",
        uniqueId: "U1",
        phoneNumbers: ["111", "222"],
        callData: '{"name":"Li","plan":"gold"}',
        callerNumber: "",
        fetchTime: new Date("2024-05-01T06:30:00Z"),
      },
      {
        subCcNo: 2,
        vdnId: 89,
        serviceId: "S2",
        uniqueId: "U2",
        phoneNumbers: ["333", "444"],
        callData: "x",
        callerNumber: "",
        fetchTime: now,
      },
    ]);
  });

  it("reports bad elements on the line where each object starts", () => {
    const json = `[
  {"subCCNo": 1, "vdnId": 88, "serviceId": "S", "uniqueId": "U1", "phoneNumber": ["111"], "callData": ""},
  {
    "subCCNo": 1, "vdnId": 88, "serviceId": "S",
    "uniqueId": 21713676089219765504, "phoneNumber": [13800000000], "callData": "x"
  },
  "not an object"
]`;
    const { rows, errors, badRows } = parseCallsFile(json, "json", opts);
    expect(rows).toHaveLength(1);
    expect(badRows).toBe(2);
    expect(errors).toEqual([
      {
        line: 3,
        record: 2,
        field: "uniqueId",
        message: "must be written as text (in quotes): a long number loses digits in JSON",
        code: "idAsNumber",
      },
      {
        line: 3,
        record: 2,
        field: "phoneNumber",
        message: "the number must be written as text (in quotes), so that leading zeros are kept",
        code: "phoneAsNumber",
      },
      { line: 7, record: 3, field: "row", message: "must be an object { … }", code: "notObject" },
    ]);
  });

  it("refuses a file that is not a JSON array", () => {
    expect(parseCallsFile('{"calls": []}', "json", opts).errors[0]).toMatchObject({ line: 1, field: "file" });
    expect(parseCallsFile("[1,", "json", opts).errors[0]?.message).toMatch(/^is not valid JSON/);
  });
});

describe("parseFetchTime", () => {
  it("reads an offset as an instant and a wall-clock time in the given zone", () => {
    expect(parseFetchTime("2024-05-01T14:30:00Z", "Asia/Shanghai")).toEqual(new Date("2024-05-01T14:30:00Z"));
    expect(parseFetchTime("2024-05-01T14:30:00.5-0300", "UTC")).toEqual(new Date("2024-05-01T17:30:00.500Z"));
    expect(parseFetchTime("2024-05-01 14:30:00", "Europe/Paris")).toEqual(new Date("2024-05-01T12:30:00Z"));
    expect(parseFetchTime("2024-01-15 14:30", "Europe/Paris")).toEqual(new Date("2024-01-15T13:30:00Z"));
  });

  it("refuses impossible dates and other shapes", () => {
    expect(parseFetchTime("2023-02-29 10:00:00", "UTC")).toBeNull();
    expect(parseFetchTime("2024-05-01 24:00:00", "UTC")).toBeNull();
    expect(parseFetchTime("01/05/2024 10:00", "UTC")).toBeNull();
    expect(parseFetchTime("1714550000", "UTC")).toBeNull();
  });
});
