import { dayOf, monthDays, monthKey, monthOf, parseMonthKey } from "./usage-period";

/** The Usage page's rolling views (spec 18.3), beside calendar months; the default is the last 30 days. */
export const USAGE_RANGES = ["last-7", "last-30", "last-90"] as const;
export type TUsageRange = (typeof USAGE_RANGES)[number];
export const DEFAULT_USAGE_VIEW: TUsageRange = "last-30";

export const USAGE_RANGE_DAYS: Record<TUsageRange, number> = { "last-7": 7, "last-30": 30, "last-90": 90 };

export function isUsageRange(value: string): value is TUsageRange {
  return (USAGE_RANGES as readonly string[]).includes(value);
}

/**
 * What a view shows: a rolling range is its last `days` UTC days up to today (today included, so
 * the 1st of a month still shows a month of data), its meters the current month's; a month is its
 * calendar days, its meters its own.
 */
export type TUsageView =
  { kind: "range"; range: TUsageRange; days: number; from: string; to: string; month: string } | { kind: "month"; month: string; from: string; to: string };

/** The view a value names (`last-30`, `2026-11`) at `now`; null for anything else. */
export function usageView(value: string, now: Date): TUsageView | null {
  if (isUsageRange(value)) {
    const days = USAGE_RANGE_DAYS[value];
    const to = dayOf(now);
    const from = dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000));
    return { kind: "range", range: value, days, from, to, month: monthKey(monthOf(now)) };
  }
  const month = parseMonthKey(value);
  if (!month) return null;
  const { first, last } = monthDays(month);
  return { kind: "month", month: monthKey(month), from: first, to: last };
}
