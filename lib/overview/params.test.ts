import { describe, expect, it } from "vitest";
import { MAX_OVERVIEW_DAYS, parseOverviewQuery } from "./params";

const q = (s: string) => parseOverviewQuery(new URLSearchParams(s));

describe("the overview's range in its address", () => {
  it("reads a range and a zone; one date means that day; none means today in the zone", () => {
    expect(q("from=2026-12-01&to=2026-12-03&tz=Asia/Shanghai")).toEqual({
      ok: true,
      query: { from: "2026-12-01", to: "2026-12-03", tz: "Asia/Shanghai" },
    });
    expect(q("from=2026-12-01")).toEqual({
      ok: true,
      query: { from: "2026-12-01", to: "2026-12-01", tz: "UTC" },
    });
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect(q("tz=Asia/Shanghai")).toEqual({
      ok: true,
      query: { from: today, to: today, tz: "Asia/Shanghai" },
    });
  });

  it.each([
    ["tz=Mars/Olympus", "tz"],
    ["from=2026-13-01", "to"],
    ["from=01.12.2026", "from"],
    ["from=2026-12-03&to=2026-12-01", "to"],
    [`from=2026-01-01&to=2026-12-31`, "to"],
    ["from=2026-12-01%00", "from"],
  ])("%s is refused, naming %s", (query, parameter) => {
    const r = q(query);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.parameter).toBe(parameter);
  });

  it(`allows ${MAX_OVERVIEW_DAYS} days, not one more`, () => {
    expect(q("from=2026-01-01&to=2026-04-02").ok).toBe(true);
    expect(q("from=2026-01-01&to=2026-04-03").ok).toBe(false);
  });
});
