/**
 * Deterministic, plausible usage for the demo projects: a weekly rhythm (quieter weekends),
 * steady growth and a little noise, at a pace where the last 30 days come to a chosen share of
 * the monthly traffic limit. Nothing is written after `now`: today's row holds only the part of
 * the day that has passed, so on the 1st the month holds a few hours, not a month in one day.
 * Pure: the same inputs give the same rows.
 */
export interface TDemoProjectShape {
  key: string;
  /** Relative weight of the project's traffic inside its team. */
  weight: number;
  storageBytes: number;
  /** Fractional storage growth per day. */
  storageGrowth: number;
}

export interface TDemoDay {
  projectKey: string;
  day: string; // YYYY-MM-DD, UTC
  trafficBytes: bigint;
  requests: bigint;
  storageBytes: bigint;
}

const GIB = 1024 ** 3;
const AVG_RESPONSE_BYTES = 24 * 1024;

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The days the pace is set on: a month's worth. */
export const DEMO_PACE_DAYS = 30;

export function generateDemoUsage(
  projects: TDemoProjectShape[],
  opts: { now: Date; days: number; monthlyLimitGb: number; targetShareOfLimit: number },
): TDemoDay[] {
  const todayMs = Date.UTC(opts.now.getUTCFullYear(), opts.now.getUTCMonth(), opts.now.getUTCDate());
  const dayElapsed = (opts.now.getTime() - todayMs) / 86_400_000;
  const raw: { projectKey: string; day: string; weight: number; index: number; storageBytes: number }[] = [];
  for (let i = opts.days - 1; i >= 0; i--) {
    const date = new Date(todayMs - i * 86_400_000);
    const day = utcDay(date);
    const weekday = date.getUTCDay();
    const rhythm = weekday === 0 || weekday === 6 ? 0.6 : 1 + 0.08 * Math.sin(weekday);
    const growth = 1 + 0.006 * (opts.days - 1 - i);
    for (const p of projects) {
      const noise = 0.85 + 0.3 * hash(`${p.key}:${day}`);
      const age = opts.days - 1 - i;
      raw.push({
        projectKey: p.key,
        day,
        weight: p.weight * rhythm * growth * noise * (i === 0 ? dayElapsed : 1),
        index: age,
        storageBytes: p.storageBytes * (1 + p.storageGrowth * (age - (opts.days - 1))),
      });
    }
  }
  // The pace: the last 30 whole days (yesterday and before) carry the target share of a month.
  const paceFrom = utcDay(new Date(todayMs - DEMO_PACE_DAYS * 86_400_000));
  const today = utcDay(opts.now);
  const paceWeight = raw.filter((r) => r.day >= paceFrom && r.day < today).reduce((s, r) => s + r.weight, 0);
  const bytesPerWeight = paceWeight > 0 ? (opts.targetShareOfLimit * opts.monthlyLimitGb * GIB) / paceWeight : 0;
  return raw.map((r) => {
    const trafficBytes = BigInt(Math.round(r.weight * bytesPerWeight));
    return {
      projectKey: r.projectKey,
      day: r.day,
      trafficBytes,
      requests: trafficBytes / BigInt(AVG_RESPONSE_BYTES),
      storageBytes: BigInt(Math.max(0, Math.round(r.storageBytes))),
    };
  });
}
