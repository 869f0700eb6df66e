import { describe, expect, it } from "vitest";
import { jsonDeeperThan } from "./json";
import { safeText, textProblem } from "./text";

describe("textProblem", () => {
  it.each([
    ["a\u0000b", false, "nul"],
    ["a\u0001b", true, "control"],
    ["a\u001Fb", true, "control"],
    ["a\u007Fb", true, "control"],
    ["a\u0085b", true, "control"],
    ["a\u009Fb", true, "control"],
    ["a\tb", false, "line-break"],
    ["a\nb", false, "line-break"],
    ["a\rb", false, "line-break"],
    ["a\uD800", true, "surrogate"],
    ["\uDC00a", true, "surrogate"],
  ])("%j (multi-line %s) is %s", (text, multiline, problem) => {
    expect(textProblem(text, { multiline })).toBe(problem);
  });

  it.each(["plain", "王芳 金卡客户", "emoji 😀 pair", "a\tb\nc\r\n", "café", "\u00A0nbsp"])(
    "accepts %j where several lines are allowed",
    (text) => {
      expect(textProblem(text, { multiline: true })).toBeNull();
    },
  );

  it("safeText names the field and chains with trim and max", () => {
    const schema = safeText("Call id").trim().max(3);
    expect(schema.safeParse("C\u00001").error?.issues[0]?.message).toBe(
      "Call id: must not contain a NUL character (character code 0)",
    );
    expect(schema.parse("  ab  ")).toBe("ab");
    expect(schema.safeParse("abcd").success).toBe(false);
  });
});

describe("jsonDeeperThan", () => {
  const nest = (levels: number) => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i += 1) v = i % 2 ? [v] : { k: v };
    return v;
  };
  it("counts objects and arrays as levels, without recursion", () => {
    expect(jsonDeeperThan(nest(32), 32)).toBe(false);
    expect(jsonDeeperThan(nest(33), 32)).toBe(true);
    expect(jsonDeeperThan("text", 0)).toBe(false);
    expect(jsonDeeperThan(nest(200_000), 32)).toBe(true);
  });
});
