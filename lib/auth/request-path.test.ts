import { describe, expect, it } from "vitest";
import { requestPathForHeader, withoutPersonalQuery } from "./request-path";

describe("requestPathForHeader", () => {
  it("keeps the path and the product's filter keys", () => {
    const params = new URLSearchParams("agent=agent1&tz=Europe%2FBerlin&page=2");
    expect(requestPathForHeader("/review", params)).toBe("/review?agent=agent1&tz=Europe%2FBerlin&page=2");
    expect(requestPathForHeader("/calls/12", new URLSearchParams())).toBe("/calls/12");
  });

  it("drops anything else: searches, passwords, numbers, tokens", () => {
    const params = new URLSearchParams(
      "q=13712345678&password=secret-pass&phone=13712345678&token=t&state=none",
    );
    const out = requestPathForHeader("/", params);
    expect(out).toBe("/?state=none");
    expect(out).not.toContain("13712345678");
    expect(out).not.toContain("secret-pass");
  });
});

describe("withoutPersonalQuery", () => {
  it("is null when nothing personal is there", () => {
    expect(
      withoutPersonalQuery(new URLSearchParams("state=none&page=2&next=%2Freview%3Fagent%3Da")),
    ).toBeNull();
  });

  it("drops passwords, usernames, searches and numbers, in any case, also inside next", () => {
    const out = withoutPersonalQuery(
      new URLSearchParams(
        "username=ben&PassWord=pw&q=137&state=none&Phone=1&next=%2F%3Fq%3D137%26page%3D2%26callerNumber%3D9",
      ),
    );
    expect(out?.toString()).toBe("state=none&next=%2F%3Fpage%3D2");
  });

  it("a next whose whole query was personal loses its question mark", () => {
    expect(withoutPersonalQuery(new URLSearchParams("next=%2Fcalls%2F3%3Fphone%3D1"))?.get("next")).toBe(
      "/calls/3",
    );
  });
});
