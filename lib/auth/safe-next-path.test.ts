import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

/** Every trick seen for leaving a site through a "return to" parameter; each must land on "/". */
const tricks: [string, unknown][] = [
  ["not a string", 42],
  ["missing", undefined],
  ["null", null],
  ["an array", ["/calls/1"]],
  ["empty", ""],
  ["relative", "calls/12"],
  ["absolute https", "https://evil.example/"],
  ["absolute http", "http://evil.example/phish"],
  ["absolute, our own scheme-less host", "preview-desk.invalid/x"],
  ["protocol-relative", "//evil.example/x"],
  ["three slashes", "///evil.example/x"],
  ["slash backslash", "/\\evil.example"],
  ["backslash slash", "\\/evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["backslash inside", "/calls\\..\\..\\/evil.example"],
  ["dot segment then two slashes (the reported one)", "/.//evil.example/phish"],
  ["two dots then two slashes", "/..//evil.example/phish"],
  ["dots climbing past the root", "/a/../..//evil.example"],
  ["encoded dot segment", "/%2e//evil.example"],
  ["encoded dot-dot segment", "/%2e%2e//evil.example"],
  ["encoded slashes", "/%2f%2fevil.example"],
  ["encoded slashes, upper case", "/%2F%2Fevil.example"],
  ["slash then encoded slash", "//%2fevil.example"],
  ["one slash then encoded slash", "/%2fevil.example"],
  ["encoded backslash", "/%5cevil.example"],
  ["encoded backslash, upper case", "/%5Cevil.example"],
  ["tab between slashes", "/\t/evil.example"],
  ["newline between slashes", "/\n/evil.example"],
  ["carriage return between slashes", "/\r/evil.example"],
  ["space between slashes", "/ /evil.example"],
  ["leading space", " //evil.example"],
  ["no-break space", "/\u00a0/evil.example"],
  ["encoded tab", "/%09/evil.example"],
  ["encoded newline", "/%0a/evil.example"],
  ["NUL", "/\u0000/evil.example"],
  ["javascript: URL", "javascript:alert(1)"],
  ["javascript: URL, mixed case", "JaVaScRiPt:alert(1)"],
  ["javascript: after whitespace", " javascript:alert(1)"],
  ["data: URL", "data:text/html,<script>alert(1)</script>"],
  ["vbscript: URL", "vbscript:msgbox(1)"],
  ["scheme with one slash", "https:/evil.example"],
  ["scheme, no slash", "https:evil.example"],
  ["broken escape", "/%zz"],
  ["the sign-in page (a loop)", "/sign-in"],
  ["the sign-in page with a next of its own", "/sign-in?next=/x"],
  ["much too long", `/${"a".repeat(3000)}`],
];

describe("safeNextPath", () => {
  it.each(tricks)("refuses %s", (_name, value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it("has a table of at least 30 tricks", () => {
    expect(tricks.length).toBeGreaterThanOrEqual(30);
  });

  // "/@evil.example" is a path on this site for a browser, not a host: keeping it is safe.
  it.each([
    ["/calls/12?tab=history", "/calls/12?tab=history"],
    ["/admin/users", "/admin/users"],
    ["/review?agent=agent1&tz=Europe%2FBerlin", "/review?agent=agent1&tz=Europe%2FBerlin"],
    ["/queue#top", "/queue#top"],
    ["/calls/./12", "/calls/12"],
    ["/calls/x/../12", "/calls/12"],
    ["/", "/"],
    ["/@evil.example", "/@evil.example"],
  ])("keeps the local path %s as %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it("whatever it returns, a browser resolves on this site", () => {
    const origin = "https://desk.example";
    for (const [, value] of tricks) {
      expect(new URL(safeNextPath(value), origin).origin).toBe(origin);
    }
  });

  it("goes back to the sign-in page only when asked to (the language switch), never off the site", () => {
    expect(safeNextPath("/sign-in?next=/calls/3", { allowSignIn: true })).toBe("/sign-in?next=/calls/3");
    expect(safeNextPath("/sign-in")).toBe("/");
    for (const [, value] of tricks) {
      const out = safeNextPath(value, { allowSignIn: true });
      expect(new URL(out, "https://desk.example").origin).toBe("https://desk.example");
    }
  });
});
