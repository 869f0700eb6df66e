import { describe, expect, it } from "vitest";
import { locales } from "@/i18n/config";
import { loadCatalogue } from "./catalogue";
import { catalogueSchema } from "./catalogue-schema";
import {
  localizedDeviceTypes,
  localizedFailCodes,
  localizedStatuses,
  searchFailCodes,
} from "./catalogue-text";

const shipped = loadCatalogue("config/catalogue.json");

describe("the shipped catalogue in both languages", () => {
  it("gives every status, failure code and device type a text in every language of the UI", () => {
    const missing: string[] = [];
    for (const locale of locales.filter((l) => l !== "en")) {
      for (const s of shipped.statuses) if (!s.i18n?.[locale]) missing.push(`status ${s.code} ${locale}`);
      for (const f of shipped.failCodes) if (!f.i18n?.[locale]) missing.push(`failCode ${f.code} ${locale}`);
      for (const d of shipped.deviceTypes)
        if (!d.i18n?.[locale]) missing.push(`deviceType ${d.code} ${locale}`);
    }
    expect(missing).toEqual([]);
  });

  it("shows Chinese to a Chinese user and English to others", () => {
    expect(localizedStatuses(shipped, "zh-CN").find((s) => s.code === "5")?.label).toBe("呼叫失败");
    expect(localizedStatuses(shipped, "en").find((s) => s.code === "5")?.label).toBe("Call failed");
    expect(localizedFailCodes(shipped, "zh-CN").find((f) => f.code === "00146")?.meaning).toBe("无人接听");
    expect(localizedDeviceTypes(shipped, "zh-CN").find((d) => d.code === 5)?.label).toMatch(/预览/);
  });
});

describe("failure-code search", () => {
  const zh = localizedFailCodes(shipped, "zh-CN");
  const en = localizedFailCodes(shipped, "en");
  const codes = (list: { code: string }[]) => list.map((o) => o.code);

  it.each([
    ["忙", "00145"],
    ["用户忙", "00145"],
    ["yhm", "00145"],
    ["yonghumang", "00145"],
    ["busy", "00145"],
    ["00145", "00145"],
    ["wrjt", "00146"],
    ["无人", "00146"],
    ["关机", "00208"],
    ["gj", "00208"],
    ["no answer", "00146"],
  ])("%s finds %s, in either language of the UI", (query, code) => {
    expect(codes(searchFailCodes(zh, query))).toContain(code);
    expect(codes(searchFailCodes(en, query))).toContain(code);
  });

  it("finds nothing for words no code has", () => {
    expect(searchFailCodes(zh, "zzqx")).toEqual([]);
    expect(searchFailCodes(zh, "忙 powered")).toEqual([]);
  });
});

describe("catalogue translations are checked like the rest of the file", () => {
  it("refuses an empty translation and a language the UI does not speak", () => {
    const base = {
      statuses: [{ code: "5", label: "Call failed" }],
      failCodes: [],
      deviceTypes: [{ code: 5, label: "x" }],
    };
    expect(
      catalogueSchema.safeParse({
        ...base,
        statuses: [{ code: "5", label: "Call failed", i18n: { "zh-CN": " " } }],
      }).success,
    ).toBe(false);
    expect(
      catalogueSchema.safeParse({
        ...base,
        statuses: [{ code: "5", label: "Call failed", i18n: { fr: "Échec" } }],
      }).success,
    ).toBe(false);
    expect(
      catalogueSchema.safeParse({
        ...base,
        statuses: [{ code: "5", label: "Call failed", i18n: { "zh-CN": "呼叫失败" } }],
      }).success,
    ).toBe(true);
  });
});
