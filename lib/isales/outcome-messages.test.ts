import { describe, expect, it } from "vitest";
import { describeOutcome, outcomeFromRecord, resultCodeMeaning } from "./outcome-messages";
import type { WriteBackOutcome } from "./types";

const row = (over: Partial<Parameters<typeof outcomeFromRecord>[0]>) => ({
  outcome: "accepted",
  httpStatus: 200,
  resultCode: "0",
  failureReason: null,
  responseBody: '{"result":0}',
  ...over,
});

describe("describeOutcome", () => {
  it("tells success apart from a refusal and names the code and its meaning", () => {
    expect(describeOutcome({ kind: "accepted", httpStatus: 200, resultCode: "0" }).tone).toBe("success");
    const refused = describeOutcome({ kind: "refused", httpStatus: 200, resultCode: "0200033" });
    expect(refused.tone).toBe("error");
    expect(refused.title).toContain("0200033");
    expect(refused.title).toContain("does not exist");
    const family = describeOutcome({ kind: "refused", httpStatus: 200, resultCode: "02000006" });
    expect(family.title).toContain("wrong type");
    const unknown = describeOutcome({ kind: "refused", httpStatus: 200, resultCode: "77" });
    expect(unknown.title).toBe("iSales refused the outcome with code 77.");
  });

  it.each([
    [400, /request was wrong/],
    [401, /not purchased/],
    [403, /credentials/],
    [404, /address/],
    [500, /value is wrong/],
    [429, /too many/],
    [502, /HTTP 502/],
  ])("explains HTTP %i", (status, pattern) => {
    const message = describeOutcome({ kind: "http_error", httpStatus: status });
    expect(`${message.title} ${message.action}`).toMatch(pattern);
  });

  it("says plainly that no answer is not a refusal", () => {
    for (const reason of ["timeout", "refused", "reset", "dns", "other"] as const) {
      const message = describeOutcome({ kind: "no_answer", reason });
      expect(message.tone).toBe("warning");
      expect(message.title).toContain("Nothing was refused");
      expect(message.action).toMatch(/again/);
    }
  });

  it("says an unreadable answer leaves the result unknown", () => {
    const message = describeOutcome({ kind: "invalid_answer", httpStatus: 200, bodyExcerpt: "<html>" });
    expect(message.title).toMatch(/could not read/);
  });

  it("names the family's meaning only for 02000001 to 02000011", () => {
    expect(resultCodeMeaning("02000001")).toBeDefined();
    expect(resultCodeMeaning("02000011")).toBeDefined();
    expect(resultCodeMeaning("02000012")).toBeUndefined();
    expect(resultCodeMeaning("0200001")).toContain("parameter exception");
  });
});

describe("outcomeFromRecord", () => {
  it.each<[Parameters<typeof outcomeFromRecord>[0], WriteBackOutcome | null]>([
    [row({}), { kind: "accepted", httpStatus: 200, resultCode: "0" }],
    [
      row({ outcome: "refused", resultCode: "0200033" }),
      { kind: "refused", httpStatus: 200, resultCode: "0200033" },
    ],
    [
      row({ outcome: "http_error", httpStatus: 401, resultCode: null }),
      { kind: "http_error", httpStatus: 401 },
    ],
    [
      row({
        outcome: "no_answer",
        httpStatus: null,
        resultCode: null,
        failureReason: "reset",
        responseBody: null,
      }),
      { kind: "no_answer", reason: "reset" },
    ],
    [
      row({
        outcome: "no_answer",
        httpStatus: null,
        resultCode: null,
        failureReason: "weird",
        responseBody: null,
      }),
      { kind: "no_answer", reason: "other" },
    ],
    [
      row({ outcome: "invalid_answer", resultCode: null, responseBody: "<html>oops</html>" }),
      { kind: "invalid_answer", httpStatus: 200, bodyExcerpt: "<html>oops</html>" },
    ],
    [row({ outcome: "pending", httpStatus: null, resultCode: null, responseBody: null }), null],
  ])("reads a stored attempt %#", (stored, expected) => {
    expect(outcomeFromRecord(stored)).toEqual(expected);
  });
});
