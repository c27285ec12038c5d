/** UTC calendar months and days, the periods of usage (spec: every time is UTC). */
export interface TMonth {
  year: number;
  month: number; // 1..12
}

export function monthOf(date: Date): TMonth {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

export function monthKey(m: TMonth): string {
  return `${m.year}-${String(m.month).padStart(2, "0")}`;
}

export function parseMonthKey(key: string): TMonth | null {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

export function addMonths(m: TMonth, delta: number): TMonth {
  const index = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** First and last day (YYYY-MM-DD) of the month. */
export function monthDays(m: TMonth): { first: string; last: string } {
  const first = new Date(Date.UTC(m.year, m.month - 1, 1));
  const last = new Date(Date.UTC(m.year, m.month, 0));
  return { first: first.toISOString().slice(0, 10), last: last.toISOString().slice(0, 10) };
}

/** When the month's traffic quota resets: the first instant of the next month, UTC. */
export function monthResetsAt(m: TMonth): Date {
  return new Date(Date.UTC(m.year, m.month, 1));
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Every day of [first, last] (YYYY-MM-DD, UTC), as YYYY-MM-DD; none when last is before first. */
export function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}
