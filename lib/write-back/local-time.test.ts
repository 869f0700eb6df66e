import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantToLocal, localToInstant, resolveLocalTime } from "./local-time";

describe("resolveLocalTime", () => {
  it.each([
    ["Europe/Berlin", "2025-03-30T02:30", "gap"],
    ["Europe/Berlin", "2025-03-30T02:00:00", "gap"],
    ["Europe/Berlin", "2025-10-26T02:30", "ambiguous"],
    ["Europe/Berlin", "2025-10-26T02:00:00", "ambiguous"],
    ["America/New_York", "2025-03-09T02:30", "gap"],
    ["America/New_York", "2025-11-02T01:30:15", "ambiguous"],
  ])("in %s, %s is refused as %s, never shifted", (zone, local, problem) => {
    expect(resolveLocalTime(local, zone)).toMatchObject({ ok: false, problem });
  });

  it.each([
    ["Europe/Berlin", "2025-03-30T01:59:59", "2025-03-30T00:59:59.000Z"],
    ["Europe/Berlin", "2025-03-30T03:00", "2025-03-30T01:00:00.000Z"],
    ["Europe/Berlin", "2025-10-26T01:59:59", "2025-10-25T23:59:59.000Z"],
    ["Europe/Berlin", "2025-10-26T03:00", "2025-10-26T02:00:00.000Z"],
    ["America/New_York", "2025-03-09T03:00", "2025-03-09T07:00:00.000Z"],
    ["America/New_York", "2025-11-02T02:00", "2025-11-02T07:00:00.000Z"],
    ["Asia/Shanghai", "2025-11-20T10:00:30", "2025-11-20T02:00:30.000Z"],
  ])("in %s, %s next to a change is the one instant %s", (zone, local, iso) => {
    const r = resolveLocalTime(local, zone);
    expect(r.ok && r.instant.toISOString()).toBe(iso);
  });

  it("takes years as written: 0099 is the year 99, not 1999", () => {
    const r = resolveLocalTime("0099-05-01T10:00", "UTC");
    expect(r).toMatchObject({ ok: true, year: 99 });
    expect(r.ok && r.instant.getUTCFullYear()).toBe(99);
  });

  it("refuses dates that do not exist, bad text and unknown zones", () => {
    expect(resolveLocalTime("2025-02-29T10:00", "UTC")).toMatchObject({ ok: false, problem: "not-a-date" });
    expect(resolveLocalTime("2024-02-29T10:00", "UTC").ok).toBe(true);
    expect(resolveLocalTime("2025-13-01T10:00", "UTC")).toMatchObject({ ok: false, problem: "not-a-date" });
    expect(resolveLocalTime("2025-01-01T24:00", "UTC")).toMatchObject({ ok: false, problem: "not-a-date" });
    expect(resolveLocalTime("2025-01-01 10:00", "UTC")).toMatchObject({ ok: false, problem: "format" });
    expect(resolveLocalTime("2025-01-01T10:00", "Mars/Olympus")).toMatchObject({
      ok: false,
      problem: "unknown-zone",
    });
  });

  it("filters' day bounds take the first instant of a day whose midnight is skipped", () => {
    // America/Santiago moved its clocks from 00:00 to 01:00 on 2024-09-08.
    expect(resolveLocalTime("2024-09-08T00:00", "America/Santiago")).toMatchObject({ problem: "gap" });
    expect(localToInstant("2024-09-08T00:00", "America/Santiago")?.toISOString()).toBe(
      "2024-09-08T04:00:00.000Z",
    );
  });
});

const zones = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Shanghai",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

describe("time conversion, property-based", () => {
  it("any text either resolves to an instant that shows the same wall time again, or is refused; never a throw", () => {
    const wallText = fc
      .record({
        y: fc.integer({ min: 0, max: 9999 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        h: fc.integer({ min: 0, max: 25 }),
        mi: fc.integer({ min: 0, max: 61 }),
        s: fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
      })
      .map(
        ({ y, mo, d, h, mi, s }) =>
          `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}${s === undefined ? "" : `:${pad(s)}`}`,
      );
    fc.assert(
      fc.property(fc.oneof(wallText, fc.string()), fc.constantFrom(...zones), (local, zone) => {
        const r = resolveLocalTime(local, zone);
        if (r.ok) {
          const normal = local.length === 16 ? `${local}:00` : local;
          // Years before 1900 have second-precise local mean time offsets: compare to the minute.
          const back = instantToLocal(r.instant, zone);
          if (r.year >= 1900) expect(back).toBe(normal);
          else expect(back.slice(0, 16)).toBe(normal.slice(0, 16));
        } else {
          expect(["format", "not-a-date", "gap", "ambiguous"]).toContain(r.problem);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("every instant from 2000 on shows a wall time that resolves back to it, unless that wall time repeats", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 1000) * 1000);
          const r = resolveLocalTime(instantToLocal(instant, zone), zone);
          if (r.ok) expect(r.instant.getTime()).toBe(instant.getTime());
          else expect(r.problem).toBe("ambiguous");
        },
      ),
      { numRuns: 3000 },
    );
  });
});
