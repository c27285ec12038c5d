import { LEVEL_THRESHOLDS } from "./usage-levels";
import { dayOf, monthOf, monthResetsAt } from "./usage-period";

/** Spec 18.2: where a metric will stand at the end of the UTC month at its recent rate. */
export interface TForecast {
  month_end_bytes: bigint;
  /** Share of the effective limit at the month's end, one decimal; null when unlimited (or a zero limit). */
  month_end_percent: number | null;
  /** The UTC day (YYYY-MM-DD) the projection reaches the limit; null when that falls after the month's end. */
  limit_reached_on: string | null;
}

const DAY_MS = 86_400_000;
export const FORECAST_WINDOW_DAYS = 7;
/** The notice goes out only when the limit is this many days ahead or more (spec 18.2). */
export const FORECAST_NOTICE_LEAD_DAYS = 3;

/** The complete UTC days of `now`'s month that the traffic average reads: up to 7, none on the 1st. */
export function trafficWindowDays(now: Date): string[] {
  const today = now.getUTCDate();
  const { year, month } = monthOf(now);
  const days: string[] = [];
  for (let d = Math.max(1, today - FORECAST_WINDOW_DAYS); d < today; d++) days.push(dayOf(new Date(Date.UTC(year, month - 1, d))));
  return days;
}

function percentOf(bytes: bigint, limit: bigint): number | null {
  if (limit <= 0n) return null;
  return Math.round((Number(bytes) / Number(limit)) * 1000) / 10;
}

/** The day a straight line from `used` at `now`, rising `perDay`, reaches `limit` within the month; null after it or never. */
function crossingDay(now: Date, used: bigint, limit: bigint, perDay: number): string | null {
  if (limit < 0n) return null;
  if (used >= limit) return dayOf(now);
  if (perDay <= 0) return null;
  const at = now.getTime() + (Number(limit - used) / perDay) * DAY_MS;
  return at < monthResetsAt(monthOf(now)).getTime() ? dayOf(new Date(at)) : null;
}

function project(now: Date, used: bigint, limit: bigint, perDay: number): TForecast {
  const daysLeft = (monthResetsAt(monthOf(now)).getTime() - now.getTime()) / DAY_MS;
  const end = Number(used) + perDay * daysLeft;
  const monthEnd = end <= 0 ? 0n : BigInt(Math.round(end));
  return { month_end_bytes: monthEnd, month_end_percent: percentOf(monthEnd, limit), limit_reached_on: crossingDay(now, used, limit, perDay) };
}

/**
 * Traffic: the month's `used` plus the average of the month's last 7 complete days (fewer early in
 * the month) times the fractional days left. `daily` holds bytes by day; a day missing is 0. Null
 * on the 1st, when there is no complete day yet.
 */
export function forecastTraffic(input: { now: Date; usedBytes: bigint; limitBytes: bigint; daily: ReadonlyMap<string, bigint> }): TForecast | null {
  const window = trafficWindowDays(input.now);
  if (window.length === 0) return null;
  const sum = window.reduce((s, d) => s + Number(input.daily.get(d) ?? 0n), 0);
  return project(input.now, input.usedBytes, input.limitBytes, sum / window.length);
}

/** Least-squares slope (bytes a day) of daily measures; 0 for fewer than two. */
export function storageSlope(measures: readonly { day: string; bytes: bigint }[]): number {
  if (measures.length < 2) return 0;
  const xs = measures.map((m) => Date.parse(`${m.day}T00:00:00Z`) / DAY_MS);
  const ys = measures.map((m) => Number(m.bytes));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Storage: today's figure carried on by the least-squares slope of its last 7 daily measures
 * (`measures`, any order; only the 7 latest are read). Null without any measure. A shrinking
 * volume projects down to 0 at the least.
 */
export function forecastStorage(input: {
  now: Date;
  usedBytes: bigint;
  limitBytes: bigint;
  measures: readonly { day: string; bytes: bigint }[];
}): TForecast | null {
  if (input.measures.length === 0) return null;
  const last = [...input.measures].sort((a, b) => (a.day < b.day ? -1 : 1)).slice(-FORECAST_WINDOW_DAYS);
  return project(input.now, input.usedBytes, input.limitBytes, storageSlope(last));
}

/**
 * Whether a forecast warrants the `usage.forecast` notice: the limit is reached this month, at
 * least 3 days after today, while usage is still under the warning level (80 %).
 */
export function isForecastNoticeDue(forecast: TForecast | null, usedPercent: number | null, now: Date): boolean {
  if (!forecast?.limit_reached_on || usedPercent === null || usedPercent >= LEVEL_THRESHOLDS.warning) return false;
  const earliest = dayOf(new Date(now.getTime() + FORECAST_NOTICE_LEAD_DAYS * DAY_MS));
  return forecast.limit_reached_on >= earliest;
}
