import { describe, expect, it } from "vitest";
import { decodeImportFile, describeEncoding } from "./decode";
import { parseCallsFile } from "./parse-file";

const header = "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData\n";
const row = "1,88,任务,客户-1,13800000001,王芳 金卡客户\n";
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
const bom = (b: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...b]);
// "任务,客户-1" and "王芳 金卡客户" as Excel in a Chinese locale writes them (GBK, a subset of GB18030).
const gbk = (s: string) => {
  const out: number[] = [];
  const table: Record<string, number[]> = {
    任: [0xc8, 0xce],
    务: [0xce, 0xf1],
    客: [0xbf, 0xcd],
    户: [0xbb, 0xa7],
    王: [0xcd, 0xf5],
    芳: [0xb7, 0xbc],
    金: [0xbd, 0xf0],
    卡: [0xbf, 0xa8],
  };
  for (const ch of s) out.push(...(table[ch] ?? [ch.charCodeAt(0)]));
  return new Uint8Array(out);
};

describe("decodeImportFile", () => {
  it("reads UTF-8 with and without a byte-order mark, and says so", () => {
    const plain = decodeImportFile(utf8(header + row));
    expect(plain).toMatchObject({ ok: true, text: header + row, encoding: "utf-8", bom: false });
    const marked = decodeImportFile(bom(utf8(header + row)));
    expect(marked).toMatchObject({ ok: true, text: header + row, encoding: "utf-8", bom: true });
    if (marked.ok) expect(describeEncoding(marked)).toBe("UTF-8 with byte-order mark, detected");
  });

  it("detects GBK/GB18030 from Excel and reads the Chinese correctly; the rows parse", () => {
    const d = decodeImportFile(gbk(header + row));
    expect(d).toMatchObject({ ok: true, text: header + row, encoding: "gb18030", detected: true });
    if (!d.ok) return;
    expect(describeEncoding(d)).toBe("GB18030 (GBK), detected");
    const parsed = parseCallsFile(d.text, "csv", { timeZone: "UTC" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({
      serviceId: "任务",
      uniqueId: "客户-1",
      callData: "王芳 金卡客户",
    });
  });

  it("takes an explicit choice, and refuses bytes that are not that encoding with their line", () => {
    expect(decodeImportFile(gbk(header + row), "gb18030")).toMatchObject({ ok: true, detected: false });
    expect(decodeImportFile(gbk(header + row), "utf-8")).toMatchObject({ ok: false, line: 2 });
  });

  it("refuses a file that is neither, with the line, never with replacement characters", () => {
    const bad = new Uint8Array([...utf8(header), ...utf8("1,88,T,U,1,ok\n"), 0x61, 0xff, 0x0a]);
    expect(decodeImportFile(bad)).toEqual({
      ok: false,
      line: 3,
      reason: "neither",
      message: expect.stringContaining("neither UTF-8 nor GB18030"),
    });
    expect(decodeImportFile(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({
      ok: false,
      line: 1,
      reason: "utf-16",
    });
    expect(decodeImportFile(utf8(`${header}1,88,T,U\u0000,1,x\n`))).toMatchObject({
      ok: false,
      line: 2,
      reason: "nul",
    });
    // A lone 0x80 (a UTF-8 character cut short) is no GB18030 character, whatever Windows
    // code page 936 says: refused, not read as a euro sign.
    const cut = new Uint8Array([...utf8(header), ...utf8("1,88,T,U,1,name"), 0x80, ...utf8(",\n")]);
    expect(decodeImportFile(cut)).toMatchObject({ ok: false, line: 2 });
    expect(decodeImportFile(cut, "gb18030")).toMatchObject({ ok: false, line: 2 });
  });
});
