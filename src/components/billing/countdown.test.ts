import { describe, expect, it } from "vitest";
import { formatCountdown, msLeft } from "./countdown";

describe("the pending payment's countdown (spec 14.3)", () => {
  it.each([
    [600_000, "10:00"],
    [599_001, "10:00"],
    [599_000, "09:59"],
    [61_000, "01:01"],
    [60_000, "01:00"],
    [59_999, "01:00"],
    [59_000, "00:59"],
    [1, "00:01"],
    [0, "00:00"],
    [-5_000, "00:00"],
    [3_600_000, "60:00"],
    [Number.NaN, "00:00"],
  ])("writes %d ms left as %s", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it("counts down to the deadline from the given time, and stops at zero", () => {
    const deadline = new Date("2026-12-31T23:59:59.000Z");
    expect(msLeft(deadline, Date.parse("2026-12-31T23:50:00.000Z"))).toBe(599_000);
    expect(formatCountdown(msLeft(deadline, Date.parse("2026-12-31T23:50:00.000Z")))).toBe("09:59");
    expect(msLeft(deadline.toISOString(), Date.parse("2027-01-01T00:00:30.000Z"))).toBe(0);
    expect(msLeft("not a date", 0)).toBe(0);
  });
});
