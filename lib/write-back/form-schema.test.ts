import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Catalogue, catalogueSchema } from "@/lib/catalogue-schema";
import { writeBackFieldNames, writeBackSchemaFor } from "./form-schema";
import { instantToLocal } from "./local-time";

const shipped: Catalogue = catalogueSchema.parse(JSON.parse(readFileSync("config/catalogue.json", "utf8")));
const fetchTime = new Date("2025-11-20T01:15:00Z");
const now = () => new Date("2025-11-20T12:00:00Z");
const context = { fetchTime, phoneNumbers: ["13800000001", "13900000001"], now };
const schema = writeBackSchemaFor(shipped, context);

const good = {
  submissionId: "6f1c2a52-8c1e-4f7e-9a51-1c1d2e3f4a5b",
  baseVersion: "0",
  timeZone: "Europe/Berlin",
  status: "5",
  failCode: "00145",
  asrResult: "",
  deviceType: "5",
  phoneNumber: "13900000001",
  callId: "C-1",
  writeStartTime: "2025-11-20T10:00:30",
  endCallTime: "2025-11-20T10:02:00",
  reason: "",
};

/** The field errors a value gets, as { field: first message }. */
function errorsOf(values: Record<string, unknown>, s = schema) {
  const r = s.safeParse(values);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) out[String(i.path[0])] ??= i.message;
  return out;
}

describe("the catalogue", () => {
  it("ships the documented rule set", () => {
    expect(shipped.rules).toEqual({
      $comment: expect.any(String),
      statusRequired: true,
      byStatus: {
        "6": { requires: ["failCode", "deviceType"], failCodes: { only: ["00000"] } },
        "5": { requires: ["failCode", "deviceType"], failCodes: { except: ["00000"] } },
      },
      unlistedFailCodes: { allow: false, pattern: "^\\d{5}$", description: "five digits" },
      times: { earliestYear: 2000, maxDaysBeforeFetch: 2, maxMinutesInFuture: 5, maxCallHours: 24 },
    });
  });

  it("gets the same defaults when it has no rules", () => {
    const { rules: _rules, ...bare } = JSON.parse(readFileSync("config/catalogue.json", "utf8"));
    const c = catalogueSchema.parse(bare);
    const s = writeBackSchemaFor(c, context);
    expect(errorsOf({ ...good, status: "6", failCode: "00146" }, s)).toHaveProperty("failCode");
    expect(errorsOf({ ...good, status: "" }, s)).toHaveProperty("status");
    expect(s.safeParse(good).success).toBe(true);
  });

  it("refuses rules that name unknown statuses or codes, or a bad pattern", () => {
    // Without the quick outcomes, which these rules would also refuse (quick-outcome.test.ts).
    const base = { ...JSON.parse(readFileSync("config/catalogue.json", "utf8")), quickOutcomes: [] };
    const bad = (rules: unknown) =>
      catalogueSchema.safeParse({ ...base, rules }).error?.issues.map((i) => i.path.join("."));
    expect(bad({ byStatus: { "7": {} } })).toEqual(["rules.byStatus.7"]);
    expect(bad({ byStatus: { "6": { failCodes: { only: ["99999"] } } } })).toEqual([
      "rules.byStatus.6.failCodes",
    ]);
    expect(bad({ unlistedFailCodes: { allow: true, pattern: "(" } })).toEqual([
      "rules.unlistedFailCodes.pattern",
    ]);
    expect(bad({ times: { earliestYear: 99 } })).toEqual(["rules.times.earliestYear"]);
  });
});

describe("writeBackSchemaFor", () => {
  it("parses a good form to the outcome to record", () => {
    const r = schema.parse(good);
    expect(r).toEqual({
      submissionId: good.submissionId,
      baseVersion: 0,
      timeZone: "Europe/Berlin",
      reason: "",
      outcome: {
        status: "5",
        failCode: "00145",
        asrResult: null,
        deviceType: 5,
        phoneNumber: "13900000001",
        callId: "C-1",
        writeStartTime: new Date("2025-11-20T09:00:30Z"),
        endCallTime: new Date("2025-11-20T09:02:00Z"),
      },
    });
  });

  it.each([
    [
      "an empty form",
      { status: "", failCode: "" },
      { status: "Call status: choose what happened on the call" },
    ],
    [
      "success with a failure's code",
      { status: "6", failCode: "00146" },
      { failCode: "Failure cause code: with the status “Call succeeded” the code must be 00000 (Succeeded)" },
    ],
    [
      "failure with the success code",
      { status: "5", failCode: "00000" },
      {
        failCode: "Failure cause code: with the status “Call failed” the code must not be 00000 (Succeeded)",
      },
    ],
    [
      "a failure without a code",
      { failCode: "" },
      { failCode: "Failure cause code: required when the call status is “Call failed”" },
    ],
    [
      "no device type",
      { deviceType: "" },
      { deviceType: "Device type: required when the call status is “Call failed”" },
    ],
    ["status ZZZ", { status: "ZZZ" }, { status: "Call status: choose one of the listed statuses" }],
    ["status 7", { status: "7" }, { status: "Call status: choose one of the listed statuses" }],
    [
      "failCode ZZZZZ",
      { failCode: "ZZZZZ" },
      { failCode: "Failure cause code: not one of the listed codes; choose one from the list" },
    ],
    ["deviceType 999", { deviceType: "999" }, { deviceType: "Device type: choose one from the list" }],
    ["deviceType 4", { deviceType: "4" }, { deviceType: "Device type: choose one from the list" }],
    ["deviceType 05", { deviceType: "05" }, { deviceType: "Device type: choose one from the list" }],
    [
      "year 0099",
      { writeStartTime: "0099-11-20T10:00" },
      { writeStartTime: "Call started: the year must be four digits, 2000 or later" },
    ],
    [
      "year 9999",
      { endCallTime: "9999-11-20T10:00" },
      { endCallTime: "Call ended: must not be more than 5 minute(s) after now" },
    ],
    [
      "days before the fetch",
      { writeStartTime: "2025-11-10T10:00" },
      { writeStartTime: "Call started: must not be more than 2 day(s) before the call data was fetched" },
    ],
    [
      "an end before the start",
      { endCallTime: "2025-11-20T09:59:00" },
      { endCallTime: "Call ended: must not be before the call started" },
    ],
    [
      "a call of two days",
      { writeStartTime: "2025-11-18T10:00", endCallTime: "2025-11-20T10:00" },
      { endCallTime: "Call ended: a call may not last more than 24 hour(s)" },
    ],
    [
      "an end without a start",
      { writeStartTime: "" },
      { writeStartTime: "Call started: stamp or enter when the call started" },
    ],
    [
      "a number not of this call",
      { phoneNumber: "13700000000" },
      { phoneNumber: "Number dialled: choose one of this call's numbers" },
    ],
    [
      "baseVersion []",
      { baseVersion: [] },
      { baseVersion: "Version: must be a whole number of 0 or more (reload the page)" },
    ],
    [
      "baseVersion null",
      { baseVersion: null },
      { baseVersion: "Version: must be a whole number of 0 or more (reload the page)" },
    ],
    [
      "baseVersion empty",
      { baseVersion: "" },
      { baseVersion: "Version: must be a whole number of 0 or more (reload the page)" },
    ],
    [
      "baseVersion -1",
      { baseVersion: -1 },
      { baseVersion: "Version: must be a whole number of 0 or more (reload the page)" },
    ],
    [
      "baseVersion 1.5",
      { baseVersion: 1.5 },
      { baseVersion: "Version: must be a whole number of 0 or more (reload the page)" },
    ],
    [
      "baseVersion 1e3",
      { baseVersion: "1e3" },
      { baseVersion: "Version: must be a whole number of 0 or more (reload the page)" },
    ],
    ["submissionId []", { submissionId: [] }, { submissionId: "Submission id must be a UUID" }],
    [
      "a NUL in the call id",
      { callId: "C\u00001" },
      { callId: "Call id: must not contain a NUL character (character code 0)" },
    ],
    [
      "a NUL in the ASR result",
      { asrResult: "a\u0000" },
      { asrResult: "Detection result (ASR): must not contain a NUL character (character code 0)" },
    ],
    [
      "a line break in the ASR result",
      { asrResult: "a\nb" },
      { asrResult: expect.stringContaining("must be one line") },
    ],
    [
      "a lone surrogate in the reason",
      { reason: "why \uD800" },
      { reason: expect.stringContaining("broken character") },
    ],
    ["a NUL in the time zone", { timeZone: "UTC\u0000" }, { timeZone: expect.stringContaining("NUL") }],
    [
      "an unknown time zone",
      { timeZone: "Mars/Olympus" },
      { timeZone: "Time zone is not a known IANA name" },
    ],
  ])("refuses %s, naming the field", (_what, change, expected) => {
    expect(errorsOf({ ...good, ...change })).toEqual(expected);
  });

  it("takes baseVersion as a number or a digit string only", () => {
    expect(schema.parse({ ...good, baseVersion: 7 }).baseVersion).toBe(7);
    expect(schema.parse({ ...good, baseVersion: "12" }).baseVersion).toBe(12);
  });

  it("refuses a time the agent's zone skips or repeats, in Berlin and New York", () => {
    const at = (timeZone: string, start: string, end: string) =>
      errorsOf(
        { ...good, timeZone, writeStartTime: start, endCallTime: end },
        writeBackSchemaFor(shipped, {
          ...context,
          fetchTime: new Date("2025-03-08T00:00:00Z"),
          now: () => new Date("2025-11-03T00:00:00Z"),
        }),
      );
    expect(at("Europe/Berlin", "2025-03-30T02:30", "2025-03-30T03:10")).toEqual({
      writeStartTime: expect.stringContaining("does not exist in Europe/Berlin"),
    });
    expect(at("Europe/Berlin", "2025-10-26T02:10", "2025-10-26T02:20")).toEqual({
      writeStartTime: expect.stringContaining("happens twice in Europe/Berlin"),
      endCallTime: expect.stringContaining("happens twice in Europe/Berlin"),
    });
    expect(at("America/New_York", "2025-03-09T01:50", "2025-03-09T02:05")).toEqual({
      endCallTime: expect.stringContaining("does not exist in America/New_York"),
    });
    expect(at("America/New_York", "2025-11-02T01:30", "2025-11-02T02:30")).toEqual({
      writeStartTime: expect.stringContaining("happens twice in America/New_York"),
    });
  });

  it("admits unlisted failure codes only when the catalogue allows them, in its format", () => {
    const open = catalogueSchema.parse({
      ...shipped,
      rules: {
        ...shipped.rules,
        unlistedFailCodes: { allow: true, pattern: "^\\d{5}$", description: "five digits" },
      },
    });
    const s = writeBackSchemaFor(open, context);
    expect(s.safeParse({ ...good, failCode: "00999" }).success).toBe(true);
    expect(errorsOf({ ...good, failCode: "ZZZZZ" }, s)).toEqual({
      failCode: "Failure cause code: a code that is not listed must be five digits",
    });
  });

  it("shows every problem at once", () => {
    expect(
      Object.keys(errorsOf({ ...good, status: "6", failCode: "bad code!", endCallTime: "2025-11-20T09:00" })),
    ).toEqual(["failCode", "endCallTime"]);
  });
});

const fieldOf = (path: readonly PropertyKey[]) => String(path[0]);
const formKeys = new Set<string>([
  ...writeBackFieldNames,
  "submissionId",
  "baseVersion",
  "timeZone",
  "reason",
]);

describe("writeBackSchemaFor, property-based", () => {
  const anyValue = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.constantFrom("", "5", "6", "00000", "00145", "0", "13900000001", "2025-11-20T10:00", "Europe/Berlin"),
  );
  const nearGood = fc.record({
    // Mostly sound outcomes, so that both sides of the property are reached.
    outcome: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(["5", "00145", "5"], ["6", "00000", "1"], ["5", "00146", "5"]),
      },
      fc.tuple(
        fc.constantFrom("", "5", "6", "7", "ZZZ"),
        fc.constantFrom("", "00000", "00145", "00146", "ZZZZZ", "0\u0000"),
        fc.constantFrom("", "1", "4", "5", "999"),
      ),
    ),
    writeStartTime: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .integer({ min: Date.parse("2025-11-18T02:00Z"), max: Date.parse("2025-11-20T11:00Z") })
          .map((ms) => new Date(ms)),
      },
      fc.date({ min: new Date("1999-01-01"), max: new Date("2026-01-01"), noInvalidDate: true }),
    ),
    minutes: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 }) },
      fc.integer({ min: -30, max: 3000 }),
    ),
    timeZone: fc.constantFrom("Europe/Berlin", "America/New_York", "Asia/Shanghai", "UTC"),
  });

  it("any input either parses to a value that round-trips, or is refused with field errors; never a throw", () => {
    let parsed = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.dictionary(fc.constantFrom(...formKeys, "other"), anyValue),
          fc.record(Object.fromEntries([...formKeys].map((k) => [k, anyValue]))),
          {
            weight: 4,
            arbitrary: nearGood.map((n) => ({
              ...good,
              status: n.outcome[0],
              failCode: n.outcome[1],
              deviceType: n.outcome[2],
              timeZone: n.timeZone,
              writeStartTime: instantToLocal(n.writeStartTime, n.timeZone).slice(0, 16),
              endCallTime: instantToLocal(
                new Date(n.writeStartTime.getTime() + n.minutes * 60_000),
                n.timeZone,
              ),
            })),
          },
          anyValue,
        ),
        (input) => {
          const r = schema.safeParse(input);
          if (!r.success) {
            for (const issue of r.error.issues) {
              if (issue.path.length > 0) expect(formKeys).toContain(fieldOf(issue.path));
              expect(issue.message.length).toBeGreaterThan(0);
            }
            return;
          }
          // Round trip: the outcome, written back as form values, parses to itself.
          const o = r.data.outcome;
          const tz = r.data.timeZone;
          const again = schema.parse({
            submissionId: r.data.submissionId,
            baseVersion: String(r.data.baseVersion),
            timeZone: tz,
            reason: r.data.reason,
            status: o.status ?? "",
            failCode: o.failCode ?? "",
            asrResult: o.asrResult ?? "",
            deviceType: o.deviceType === null ? "" : String(o.deviceType),
            phoneNumber: o.phoneNumber,
            callId: o.callId ?? "",
            writeStartTime: o.writeStartTime ? instantToLocal(o.writeStartTime, tz) : "",
            endCallTime: o.endCallTime ? instantToLocal(o.endCallTime, tz) : "",
          });
          expect(again).toEqual(r.data);
          expect(shipped.statuses.map((s) => s.code)).toContain(o.status);
          parsed += 1;
        },
      ),
      { numRuns: 2000 },
    );
    // The generators reach both sides: some inputs are good.
    expect(parsed).toBeGreaterThan(20);
  });
});
