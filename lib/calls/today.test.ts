import { describe, expect, it } from "vitest";
import { startOfTodayIn } from "./today";

describe("startOfTodayIn", () => {
  it("is midnight in the zone, not in UTC", () => {
    const now = new Date("2026-12-02T09:30:00Z");
    expect(startOfTodayIn("UTC", now).toISOString()).toBe("2026-12-02T00:00:00.000Z");
    // 17:30 in Shanghai: its day began at 16:00 UTC the day before.
    expect(startOfTodayIn("Asia/Shanghai", now).toISOString()).toBe("2026-12-01T16:00:00.000Z");
    // 01:30 in Los Angeles, the same day.
    expect(startOfTodayIn("America/Los_Angeles", now).toISOString()).toBe("2026-12-02T08:00:00.000Z");
  });

  it("takes the day's real length on a daylight-saving change", () => {
    // Berlin moved to summer time at 02:00 on 29 March 2026; the day still began at 00:00 (23:00 UTC).
    expect(startOfTodayIn("Europe/Berlin", new Date("2026-03-29T20:00:00Z")).toISOString()).toBe(
      "2026-03-28T23:00:00.000Z",
    );
  });
});
