import { describe, expect, it } from "vitest";
import { DEFAULT_USAGE_VIEW, usageView } from "./usage-range";

describe("usage views", () => {
  it("the default, the last 30 days, shows a month of data on the 1st", () => {
    expect(usageView(DEFAULT_USAGE_VIEW, new Date("2027-01-01T00:00:30Z"))).toEqual({
      kind: "range",
      range: "last-30",
      days: 30,
      from: "2026-12-03",
      to: "2027-01-01",
      month: "2027-01",
    });
  });

  it("the last 7 and 90 days end today, across a leap day", () => {
    expect(usageView("last-7", new Date("2028-03-02T12:00:00Z"))).toMatchObject({ from: "2028-02-25", to: "2028-03-02" });
    expect(usageView("last-90", new Date("2026-12-01T12:00:00Z"))).toMatchObject({ from: "2026-09-03", to: "2026-12-01", month: "2026-12" });
  });

  it("a calendar month is its own days; anything else is no view", () => {
    expect(usageView("2028-02", new Date("2028-03-02T12:00:00Z"))).toEqual({ kind: "month", month: "2028-02", from: "2028-02-01", to: "2028-02-29" });
    expect(usageView("last-31", new Date())).toBeNull();
    expect(usageView("2026-13", new Date())).toBeNull();
  });
});
