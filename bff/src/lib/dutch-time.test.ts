// Demo and test times are Dutch clock times, in winter and in summer.
import { describe, expect, it } from "vitest";
import { amsterdamTimeOn } from "./dutch-time";

describe("amsterdamTimeOn", () => {
  it("is 10:00 in Amsterdam in winter (UTC+1) and in summer (UTC+2)", () => {
    expect(new Date(amsterdamTimeOn(Date.UTC(2026, 0, 15, 23, 30), 10)).toISOString()).toBe("2026-01-16T09:00:00.000Z");
    expect(new Date(amsterdamTimeOn(Date.UTC(2026, 6, 15, 1, 0), 10, 30)).toISOString()).toBe("2026-07-15T08:30:00.000Z");
  });

  it("takes the Dutch calendar day, also just after midnight in Amsterdam", () => {
    // 23:30 UTC on 15 July is 01:30 on 16 July in Amsterdam.
    expect(new Date(amsterdamTimeOn(Date.UTC(2026, 6, 15, 23, 30), 9)).toISOString()).toBe("2026-07-16T07:00:00.000Z");
  });

  it("is right on the days the clocks change", () => {
    expect(new Date(amsterdamTimeOn(Date.UTC(2026, 2, 29, 12), 14)).toISOString()).toBe("2026-03-29T12:00:00.000Z");
    expect(new Date(amsterdamTimeOn(Date.UTC(2026, 9, 25, 12), 14)).toISOString()).toBe("2026-10-25T13:00:00.000Z");
  });
});
