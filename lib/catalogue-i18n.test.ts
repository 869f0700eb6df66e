import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogueIn, catalogueSchema, failCodeMatches } from "./catalogue-schema";

const shipped = catalogueSchema.parse(JSON.parse(readFileSync("config/catalogue.json", "utf8")));
const hasHan = (text: string) => /\p{Script=Han}/u.test(text);

describe("the catalogue in two languages", () => {
  it("has a Chinese meaning for every status, failure code and device type", () => {
    const entries = [
      ...shipped.statuses.map((s) => [`status ${s.code}`, s.translations] as const),
      ...shipped.failCodes.map((f) => [`failCode ${f.code}`, f.translations] as const),
      ...shipped.deviceTypes.map((d) => [`deviceType ${d.code}`, d.translations] as const),
    ];
    const missing = entries.filter(([, t]) => !t?.["zh-CN"] || !hasHan(t["zh-CN"])).map(([what]) => what);
    expect(missing).toEqual([]);
  });

  it("shows the codes in the user's language and keeps every language's words", () => {
    const zh = catalogueIn(shipped, "zh-CN");
    expect(zh.statuses.find((s) => s.code === "5")?.label).toBe("呼叫失败");
    expect(zh.failCodes.find((f) => f.code === "00146")).toMatchObject({
      meaning: "无人接听",
      translations: { en: "No answer", "zh-CN": "无人接听" },
    });
    expect(zh.deviceTypes.find((d) => d.code === 5)?.label).toBe("技能队列预览外呼");
    const en = catalogueIn(shipped, "en");
    expect(en.failCodes.find((f) => f.code === "00146")?.meaning).toBe("No answer");
    // A language the file does not have falls back to its English.
    expect(catalogueIn(shipped, "fr").statuses.find((s) => s.code === "6")?.label).toBe("Call succeeded");
  });

  it("finds a failure code by its code, its English and its Chinese meaning, whatever the user's language", () => {
    for (const locale of ["en", "zh-CN"]) {
      const options = catalogueIn(shipped, locale).failCodes;
      const find = (typed: string) => options.filter((o) => failCodeMatches(o, typed)).map((o) => o.code);
      expect(find("00145")).toEqual(["00145"]);
      expect(find("user busy")).toEqual(["00145"]);
      expect(find("忙")).toEqual(["00145", "00537"]);
      expect(find("关机")).toEqual(["00208", "00548"]);
      expect(find("no answer")).toEqual(["00146", "00603"]);
    }
  });
});
