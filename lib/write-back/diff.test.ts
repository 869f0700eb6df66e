import { describe, expect, it } from "vitest";
import { changesFromStored, diffOutcome } from "./diff";

describe("diffOutcome", () => {
  it("lists changed fields in the form's order, treating empty and missing as the same", () => {
    const before = { status: "5", failCode: "00145", asrResult: "", callId: null, endCallTime: null };
    const after = {
      endCallTime: "2025-11-20T09:02:00.000Z",
      failCode: "00200",
      status: "5",
      asrResult: null,
    };
    expect(diffOutcome(before, after)).toEqual([
      { field: "failCode", label: "Failure cause code", before: "00145", after: "00200" },
      { field: "endCallTime", label: "Call end time", before: null, after: "2025-11-20T09:02:00.000Z" },
    ]);
  });

  it("compares numbers as values and names unknown fields by their key", () => {
    expect(diffOutcome({ deviceType: 2, extra: "a" }, { deviceType: 2, extra: "b" })).toEqual([
      { field: "extra", label: "extra", before: "a", after: "b" },
    ]);
  });
});

describe("changesFromStored", () => {
  it("turns a stored { field: [before, after] } into ordered changes", () => {
    expect(changesFromStored({ callId: ["A", "B"], status: [null, "6"] })).toEqual([
      { field: "status", label: "Call status", before: null, after: "6" },
      { field: "callId", label: "Call id", before: "A", after: "B" },
    ]);
  });
});
