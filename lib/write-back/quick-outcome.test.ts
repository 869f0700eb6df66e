import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Catalogue, catalogueSchema } from "@/lib/catalogue-schema";
import { localizedQuickOutcomes } from "@/lib/catalogue-text";
import { writeBackSchemaFor } from "./form-schema";
import { quickOutcomeValues } from "./quick-outcome";

const raw = JSON.parse(readFileSync("config/catalogue.json", "utf8"));
const shipped: Catalogue = catalogueSchema.parse(raw);
const context = {
  fetchTime: new Date("2025-11-20T01:15:00Z"),
  phoneNumbers: ["13800000001"],
  now: () => new Date("2025-11-20T12:00:00Z"),
};

const form = {
  submissionId: "6f1c2a52-8c1e-4f7e-9a51-1c1d2e3f4a5b",
  baseVersion: "0",
  timeZone: "Europe/Berlin",
  status: "",
  failCode: "",
  asrResult: "",
  deviceType: "5",
  phoneNumber: "13800000001",
  callId: "",
  writeStartTime: "2025-11-20T10:00:30",
  endCallTime: "",
  reason: "",
};

/** The issue paths a catalogue with these quick outcomes is refused with. */
const refusals = (quickOutcomes: unknown[]) =>
  catalogueSchema.safeParse({ ...raw, quickOutcomes }).error?.issues.map((i) => i.path.join(".")) ?? [];

describe("the shipped quick outcomes", () => {
  it("are the common results of a call, on keys 1-7, with the reference's failure codes", () => {
    expect(shipped.quickOutcomes.map((q) => [q.key, q.label, q.status, q.failCode])).toEqual([
      [1, "Succeeded", "6", "00000"],
      [2, "Busy", "5", "00145"],
      [3, "No answer", "5", "00146"],
      [4, "Rejected", "5", "00149"],
      [5, "Powered off", "5", "00208"],
      [6, "Wrong number", "5", "00538"],
      [7, "Answering machine", "5", "00162"],
    ]);
  });

  it("each have a Chinese label, shown to a Chinese user", () => {
    expect(shipped.quickOutcomes.filter((q) => !q.i18n?.["zh-CN"])).toEqual([]);
    expect(localizedQuickOutcomes(shipped, "zh-CN").map((q) => q.label)).toContain("忙");
    expect(localizedQuickOutcomes(shipped, "en").map((q) => q.label)).toContain("Busy");
  });

  it.each(shipped.quickOutcomes.map((q) => [q.label, q] as const))(
    "%s gives an outcome the server's own schema accepts",
    (_label, q) => {
      const values = { ...form, ...quickOutcomeValues(q, form, "2025-11-20T10:03:00") };
      const parsed = writeBackSchemaFor(shipped, context).safeParse(values);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data?.outcome).toMatchObject({ status: q.status, failCode: q.failCode });
      expect(parsed.data?.outcome.endCallTime).toEqual(new Date("2025-11-20T09:03:00Z"));
    },
  );
});

describe("quickOutcomeValues", () => {
  const busy = { status: "5", failCode: "00145", asrResult: "Busy tone", stampEnd: true };
  it("sets status, code and what the outcome names, and stamps the end after a stamped start", () => {
    expect(quickOutcomeValues(busy, { writeStartTime: "2025-11-20T10:00:00", endCallTime: "" }, "T")).toEqual(
      {
        status: "5",
        failCode: "00145",
        asrResult: "Busy tone",
        endCallTime: "T",
      },
    );
  });
  it("leaves an end already given, and stamps no end without a start", () => {
    const kept = quickOutcomeValues(busy, { writeStartTime: "2025-11-20T10:00:00", endCallTime: "E" }, "T");
    expect(kept).not.toHaveProperty("endCallTime");
    expect(quickOutcomeValues(busy, { writeStartTime: "", endCallTime: "" }, "T")).not.toHaveProperty(
      "endCallTime",
    );
    expect(
      quickOutcomeValues({ ...busy, stampEnd: false }, { writeStartTime: "S", endCallTime: "" }, "T"),
    ).not.toHaveProperty("endCallTime");
  });
  it("leaves the detection result and device type alone when it does not name them", () => {
    const v = quickOutcomeValues({ status: "6", failCode: "00000", stampEnd: true }, form, "T");
    expect(v).not.toHaveProperty("asrResult");
    expect(v).not.toHaveProperty("deviceType");
  });
});

describe("the catalogue refuses quick outcomes its own rules would refuse", () => {
  const ok = { key: 1, label: "Busy", status: "5", failCode: "00145" };
  it("accepts a good one", () => {
    expect(refusals([ok])).toEqual([]);
  });
  it.each([
    ["a key used twice", [ok, { ...ok, label: "Again" }], "quickOutcomes.1.key"],
    ["a key outside 1-9", [{ ...ok, key: 10 }], "quickOutcomes.0.key"],
    ["a status not in the catalogue", [{ ...ok, status: "7" }], "quickOutcomes.0.status"],
    ["a failure code not in the catalogue", [{ ...ok, failCode: "99999" }], "quickOutcomes.0.failCode"],
    ["a code that does not go with the status", [{ ...ok, status: "6" }], "quickOutcomes.0.failCode"],
    [
      "succeeded with a failure code",
      [{ ...ok, status: "5", failCode: "00000" }],
      "quickOutcomes.0.failCode",
    ],
    [
      "no code where the status requires one",
      [{ key: 1, label: "x", status: "5" }],
      "quickOutcomes.0.failCode",
    ],
    ["a device type not in the catalogue", [{ ...ok, deviceType: 4 }], "quickOutcomes.0.deviceType"],
    ["an empty label", [{ ...ok, label: " " }], "quickOutcomes.0.label"],
    ["a field it does not know", [{ ...ok, callId: "x" }], "quickOutcomes.0"],
    ["a language the UI does not speak", [{ ...ok, i18n: { fr: "Occupé" } }], "quickOutcomes.0.i18n"],
    ["ten of them", Array.from({ length: 10 }, (_, i) => ({ ...ok, key: (i % 9) + 1 })), "quickOutcomes"],
  ])("%s", (_what, quickOutcomes, path) => {
    expect(refusals(quickOutcomes)).toContain(path);
  });
  it("asks for a device type only when the catalogue has no default", () => {
    expect(refusals([ok])).toEqual([]);
    const noDefault = catalogueSchema.safeParse({ ...raw, defaultDeviceType: null, quickOutcomes: [ok] });
    expect(noDefault.error?.issues.map((i) => i.path.join("."))).toContain("quickOutcomes.0.deviceType");
  });
});
