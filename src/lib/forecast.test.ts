import { describe, expect, it } from "vitest";
import { forecastStorage, forecastTraffic, isForecastNoticeDue, storageSlope, trafficWindowDays } from "./forecast";
import { GB } from "./usage-levels";

const measures = (entries: [string, bigint][]) => entries.map(([day, bytes]) => ({ day, bytes }));
const days = (entries: [string, bigint][]) => new Map(entries);
const perDay = (from: string, count: number, bytes: bigint): [string, bigint][] =>
  Array.from({ length: count }, (_, i) => [new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), bytes]);

describe("traffic forecast", () => {
  it("is null on the 1st, when no day of the month is complete", () => {
    expect(trafficWindowDays(new Date("2026-12-01T23:59:59Z"))).toEqual([]);
    expect(forecastTraffic({ now: new Date("2026-12-01T12:00:00Z"), usedBytes: 5n * GB, limitBytes: 100n * GB, daily: days([]) })).toBeNull();
  });

  it("reads the one complete day on the 2nd, times the fractional days left", () => {
    expect(trafficWindowDays(new Date("2026-12-02T06:00:00Z"))).toEqual(["2026-12-01"]);
    // 1 GB on the 1st; on the 2nd at 00:00, 30 days are left in December.
    const f = forecastTraffic({ now: new Date("2026-12-02T00:00:00Z"), usedBytes: GB, limitBytes: 100n * GB, daily: days([["2026-12-01", GB]]) });
    expect(f).toEqual({ month_end_bytes: 31n * GB, month_end_percent: 31, limit_reached_on: null });
    // At noon, 29.5 days are left (today's traffic so far is in `used`, not in the average).
    const noon = forecastTraffic({ now: new Date("2026-12-02T12:00:00Z"), usedBytes: 2n * GB, limitBytes: 100n * GB, daily: days([["2026-12-01", GB]]) });
    expect(noon!.month_end_bytes).toBe(2n * GB + (59n * GB) / 2n);
  });

  it("averages the last 7 complete days only, a missing day as 0", () => {
    expect(trafficWindowDays(new Date("2026-12-20T10:00:00Z"))).toEqual(perDay("2026-12-13", 7, 0n).map(([d]) => d));
    const daily = days([...perDay("2026-12-01", 12, 10n * GB), ...perDay("2026-12-13", 6, GB)]); // the 19th is missing
    const f = forecastTraffic({ now: new Date("2026-12-20T00:00:00Z"), usedBytes: 126n * GB, limitBytes: -1n, daily });
    // 6 GB over 7 days, 12 days left.
    expect(f!.month_end_bytes).toBe(126n * GB + BigInt(Math.round((6 * Number(GB) * 12) / 7)));
    expect(f!.month_end_percent).toBeNull();
    expect(f!.limit_reached_on).toBeNull();
  });

  it("in a 31-day month, names the day the projection crosses the limit", () => {
    // 1 GB a day, 17 GB used on the 18th at 00:00, 23 GB limit: 6 days more, the 24th.
    const f = forecastTraffic({ now: new Date("2026-12-18T00:00:00Z"), usedBytes: 17n * GB, limitBytes: 23n * GB, daily: days(perDay("2026-12-11", 7, GB)) });
    expect(f).toEqual({ month_end_bytes: 31n * GB, month_end_percent: 134.8, limit_reached_on: "2026-12-24" });
  });

  it("in a 28-day month, a crossing at the month's end is null", () => {
    const now = new Date("2027-02-20T00:00:00Z");
    const daily = days(perDay("2027-02-13", 7, GB));
    const f = forecastTraffic({ now, usedBytes: 19n * GB, limitBytes: 28n * GB, daily });
    // 9 days left: 28 GB exactly at 1 March 00:00, the next month's.
    expect(f).toEqual({ month_end_bytes: 28n * GB, month_end_percent: 100, limit_reached_on: null });
    expect(forecastTraffic({ now, usedBytes: 19n * GB, limitBytes: 26n * GB, daily })!.limit_reached_on).toBe("2027-02-27");
  });

  it("on a leap day, half a day is left at noon", () => {
    const f = forecastTraffic({
      now: new Date("2028-02-29T12:00:00Z"),
      usedBytes: 28n * GB,
      limitBytes: 100n * GB,
      daily: days(perDay("2028-02-22", 7, 2n * GB)),
    });
    expect(f).toEqual({ month_end_bytes: 29n * GB, month_end_percent: 29, limit_reached_on: null });
    expect(trafficWindowDays(new Date("2028-03-01T08:00:00Z"))).toEqual([]);
  });

  it("on 31 December, the month (and the year) ends at midnight: a crossing after it is null", () => {
    const now = new Date("2026-12-31T12:00:00Z");
    const daily = days(perDay("2026-12-24", 7, GB));
    expect(trafficWindowDays(now)).toEqual(perDay("2026-12-24", 7, 0n).map(([d]) => d));
    const f = forecastTraffic({ now, usedBytes: 30n * GB, limitBytes: 100n * GB, daily });
    expect(f).toEqual({ month_end_bytes: 30n * GB + GB / 2n, month_end_percent: 30.5, limit_reached_on: null });
    // A quarter of a day away: 18:00 the same day; a whole day away falls on 1 January, next month's.
    expect(forecastTraffic({ now, usedBytes: 30n * GB, limitBytes: 30n * GB + GB / 4n, daily })!.limit_reached_on).toBe("2026-12-31");
    expect(forecastTraffic({ now, usedBytes: 30n * GB, limitBytes: 31n * GB, daily })!.limit_reached_on).toBeNull();
    expect(trafficWindowDays(new Date("2027-01-01T00:00:00Z"))).toEqual([]);
  });

  it("a team with no traffic stays where it is: limit_reached_on null", () => {
    const f = forecastTraffic({ now: new Date("2026-12-15T00:00:00Z"), usedBytes: 0n, limitBytes: 10n * GB, daily: days([]) });
    expect(f).toEqual({ month_end_bytes: 0n, month_end_percent: 0, limit_reached_on: null });
  });

  it("a team already over its limit reached it today", () => {
    const f = forecastTraffic({ now: new Date("2026-12-15T09:00:00Z"), usedBytes: 11n * GB, limitBytes: 10n * GB, daily: days([]) });
    expect(f!.limit_reached_on).toBe("2026-12-15");
  });
});

describe("storage forecast", () => {
  it("takes the least-squares slope of the last 7 measures", () => {
    expect(storageSlope(measures(perDay("2026-12-01", 7, 5n * GB)))).toBe(0);
    expect(storageSlope([{ day: "2026-12-01", bytes: 1n * GB }])).toBe(0);
    const rising = Array.from({ length: 7 }, (_, i) => ({ day: `2026-12-0${i + 1}`, bytes: BigInt(i) * GB }));
    expect(storageSlope(rising)).toBeCloseTo(Number(GB), 0);
    // Older measures are left out: only the last 7 set the slope.
    const f = forecastStorage({
      now: new Date("2026-12-08T00:00:00Z"),
      usedBytes: 6n * GB,
      limitBytes: 20n * GB,
      measures: [{ day: "2026-11-30", bytes: 100n * GB }, ...rising],
    });
    // 6 GB on the 8th, 1 GB a day, 24 days left: 30 GB; 20 GB on the 22nd.
    expect(f).toEqual({ month_end_bytes: 30n * GB, month_end_percent: 150, limit_reached_on: "2026-12-22" });
  });

  it("a flat volume stays flat, a shrinking one goes down (not below 0), and neither reaches the limit", () => {
    const now = new Date("2026-12-10T00:00:00Z");
    const flat = forecastStorage({ now, usedBytes: 5n * GB, limitBytes: 10n * GB, measures: measures(perDay("2026-12-03", 7, 5n * GB)) });
    expect(flat).toEqual({ month_end_bytes: 5n * GB, month_end_percent: 50, limit_reached_on: null });
    const shrinking = Array.from({ length: 7 }, (_, i) => ({ day: `2026-12-0${i + 3}`, bytes: BigInt(9 - i) * GB }));
    const down = forecastStorage({ now, usedBytes: 3n * GB, limitBytes: 10n * GB, measures: shrinking });
    expect(down).toEqual({ month_end_bytes: 0n, month_end_percent: 0, limit_reached_on: null });
    expect(forecastStorage({ now, usedBytes: 3n * GB, limitBytes: 10n * GB, measures: [] })).toBeNull();
  });
});

describe("the forecast notice", () => {
  const now = new Date("2026-12-18T00:00:00Z");
  const f = (day: string | null) => ({ month_end_bytes: 0n, month_end_percent: 0, limit_reached_on: day });
  it("is due when the limit is 3 days ahead or more and usage is under 80 %", () => {
    expect(isForecastNoticeDue(f("2026-12-24"), 70, now)).toBe(true);
    expect(isForecastNoticeDue(f("2026-12-21"), 70, now)).toBe(true);
    expect(isForecastNoticeDue(f("2026-12-20"), 70, now)).toBe(false);
    expect(isForecastNoticeDue(f("2026-12-24"), 80, now)).toBe(false);
    expect(isForecastNoticeDue(f(null), 10, now)).toBe(false);
    expect(isForecastNoticeDue(null, 10, now)).toBe(false);
    expect(isForecastNoticeDue(f("2026-12-24"), null, now)).toBe(false);
  });
});
