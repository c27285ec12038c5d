/**
 * The one place the alert levels are computed (spec 3.3 and 5), shared by the UI, the API and
 * the limit-check job so they cannot drift apart: ok < 80 % ≤ warning < 95 % ≤ critical < 100 % ≤ exceeded.
 */
export const USAGE_LEVELS = ["ok", "warning", "critical", "exceeded"] as const;
export type TUsageLevel = (typeof USAGE_LEVELS)[number];

export const LEVEL_THRESHOLDS = { warning: 80, critical: 95, exceeded: 100 } as const;

export const MB = 1024n ** 2n;
export const GB = 1024n ** 3n;

/** Percentage of `limit` that `used` represents, to two decimals; null when the limit is unlimited (< 0). */
export function percentUsed(used: bigint, limit: bigint): number | null {
  if (limit < 0n) return null;
  if (limit === 0n) return used > 0n ? Infinity : 0;
  // Basis points in bigint keep precision for any byte count, then two decimals.
  return Number((used * 10_000n) / limit) / 100;
}

export function levelFor(percent: number | null): TUsageLevel {
  if (percent === null) return "ok";
  if (percent >= LEVEL_THRESHOLDS.exceeded) return "exceeded";
  if (percent >= LEVEL_THRESHOLDS.critical) return "critical";
  if (percent >= LEVEL_THRESHOLDS.warning) return "warning";
  return "ok";
}

export function usageLevel(used: bigint, limit: bigint): { percent: number | null; level: TUsageLevel } {
  const percent = percentUsed(used, limit);
  return { percent, level: levelFor(percent) };
}

/** Bytes as MB and GB (1 MB = 1024², 1 GB = 1024³), rounded to 3 decimals for display and APIs. */
export function bytesToMb(bytes: bigint): number {
  return Math.round((Number(bytes) / Number(MB)) * 1000) / 1000;
}
export function bytesToGb(bytes: bigint): number {
  return Math.round((Number(bytes) / Number(GB)) * 1000) / 1000;
}

/** Severity order, for "the worst level of these". */
export function worstLevel(levels: TUsageLevel[]): TUsageLevel {
  return levels.reduce<TUsageLevel>((worst, l) => (USAGE_LEVELS.indexOf(l) > USAGE_LEVELS.indexOf(worst) ? l : worst), "ok");
}
