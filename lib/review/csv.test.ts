import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { formatIsalesTime } from "@/lib/isales/body";
import { csvFields, csvHeader, excelText, guardFormula, textColumns, zoneTimeFormatter } from "./csv";
import type { ReviewRow } from "./queries";

const row: ReviewRow = {
  id: 7,
  serviceId: "1251250797",
  uniqueId: "21713676089219765504",
  phoneNumbers: ["013812345678", "+8613912345678"],
  fetchTime: new Date("2025-06-10T23:30:00Z"),
  lastWriteBackAt: null,
  writeBackState: "failed",
  status: "5",
  failCode: "00146",
  asrResult: '=HYPERLINK("http://evil.example","click")',
  phoneNumber: "013812345678",
  callId: "1700000000-12",
  writeStartTime: null,
  endCallTime: null,
  version: 2,
  agent: "@agent1",
};

const column = (fields: (string | number)[], name: (typeof csvHeader)[number]) =>
  fields[csvHeader.indexOf(name)];

/** What a spreadsheet shows for a cell written as ="…": the text between the quotes. */
const shownText = (cell: string) => {
  const match = /^=((?:"(?:[^"]|"")*"&?)+)$/.exec(cell);
  if (!match?.[1]) return null;
  return [...match[1].matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? "").replaceAll('""', '"')).join("");
};

describe("CSV cells for a spreadsheet", () => {
  it("writes ids, phone numbers and codes as text, so Excel keeps every digit and leading zero", () => {
    const fields = csvFields(row, "UTC");
    expect(column(fields, "customer id")).toBe('="21713676089219765504"');
    expect(column(fields, "task")).toBe('="1251250797"');
    expect(column(fields, "phone numbers")).toBe('="013812345678 +8613912345678"');
    expect(column(fields, "number dialled")).toBe('="013812345678"');
    expect(column(fields, "fail code")).toBe('="00146"');
    expect(column(fields, "status")).toBe('="5"');
    expect(column(fields, "call id")).toBe('="1700000000-12"');
    // Our own numbers stay numbers; times stay times.
    expect(column(fields, "record id")).toBe(7);
    expect(column(fields, "version")).toBe(2);
    expect(column(fields, "fetched")).toBe("2025-06-10 23:30:00");
    expect(column(fields, "last write-back")).toBe("");
  });

  it("keeps the formula-injection guard on every other text cell", () => {
    const fields = csvFields(row, "UTC");
    expect(column(fields, "asr result")).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(column(fields, "agent")).toBe("'@agent1");
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(guardFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(guardFormula("plain 1+1")).toBe("plain 1+1");
  });

  it("writes exactly the text columns as text and guards every other text column", () => {
    const all: ReviewRow = {
      ...row,
      serviceId: "=t",
      uniqueId: "=u",
      phoneNumbers: ["=p"],
      agent: "=a",
      status: "=s",
      failCode: "=f",
      asrResult: "=r",
      phoneNumber: "=n",
      callId: "=c",
    };
    const fields = csvFields(all, "UTC");
    for (const name of csvHeader) {
      const cell = column(fields, name);
      // The state and the times hold no "=" here: nothing to tell.
      if (typeof cell !== "string" || !cell.includes("=")) continue;
      expect(cell.startsWith(textColumns.has(name) ? '="=' : "'="), name).toBe(true);
    }
    expect(fields).toHaveLength(csvHeader.length);
    expect(fields.filter((f) => typeof f === "string" && f.startsWith('="='))).toHaveLength(textColumns.size);
  });

  it("a short value is one literal, as the general split writes it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 255, unit: "binary" }), (value) => {
        expect(excelText(value)).toBe(`="${value.replaceAll('"', '""')}"`);
        expect(shownText(excelText(value))).toBe(value);
      }),
      { numRuns: 2_000 },
    );
  });

  it("a text cell cannot run anything, whatever its value begins with", () => {
    for (const value of ["=1+1", '"; =cmd|" /C calc"!A0', "-2+3", "@SUM(A1)", 'a"b']) {
      const cell = excelText(value);
      expect(shownText(cell)).toBe(value);
      // One formula made only of string literals joined by &: nothing to call.
      expect(cell).toMatch(/^="(?:[^"]|"")*"(?:&"(?:[^"]|"")*")*$/);
    }
    expect(excelText("")).toBe("");
  });

  it("splits a value longer than one Excel literal (255 characters)", () => {
    const many = Array.from({ length: 40 }, (_, i) => `1380000${String(i).padStart(4, "0")}`).join(" ");
    const cell = excelText(many);
    expect(cell.split("&")).toHaveLength(2);
    expect(shownText(cell)).toBe(many);
    for (const literal of cell.slice(1).split("&")) expect(literal.length - 2).toBeLessThanOrEqual(255);
  });

  it("survives CSV quoting: papaparse writes and reads the cells back unchanged", () => {
    const fields = csvFields(row, "UTC");
    const text = Papa.unparse([fields], { newline: "\r\n" });
    expect(text).toContain('"=""21713676089219765504"""');
    const [back] = Papa.parse<string[]>(text).data;
    expect(back).toEqual(fields.map(String));
  });
});

describe("zoneTimeFormatter", () => {
  const zones = [
    "UTC",
    "Asia/Shanghai",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
  ];
  it("writes exactly what formatIsalesTime writes, across daylight-saving changes", () => {
    for (const zone of zones) {
      const format = zoneTimeFormatter(zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
          expect(format(new Date(ms))).toBe(formatIsalesTime(new Date(ms), zone));
        }),
        { numRuns: 2_000 },
      );
      // Every minute around Berlin's and New York's 2025 changes.
      for (const at of [
        Date.UTC(2025, 2, 30, 0, 30),
        Date.UTC(2025, 9, 26, 0, 30),
        Date.UTC(2025, 2, 9, 6, 30),
      ]) {
        for (let m = 0; m < 180; m += 1) {
          const d = new Date(at + m * 60_000 + 59_999);
          expect(format(d)).toBe(formatIsalesTime(d, zone));
        }
      }
    }
  });
});
