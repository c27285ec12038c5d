import { formatBytes } from "@/lib/format";

const KB = 1024;

/**
 * Ticks for a byte axis at round binary values ("0 B, 1 GB, 2 GB…" rather than "954 MB, 1.9 GB"):
 * the largest unit under `max`, then a 1-2-2.5-5 step giving about `count` intervals.
 */
export function byteTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0];
  let unit = 1;
  while (max / unit >= KB && unit < KB ** 4) unit *= KB;
  const raw = max / unit / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const top = Math.ceil(max / unit / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * unit));
  return ticks;
}

/** A tick or tooltip value as bytes, in the user's locale. */
export function bytesLabel(value: unknown, locale: string): string {
  const n = typeof value === "number" ? value : Number(value);
  return formatBytes(Number.isFinite(n) ? n : 0, locale);
}

/** A day "YYYY-MM-DD" as a short axis label: "Nov 3" / "3 nov.". */
export function shortDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** A day "YYYY-MM-DD" in full, for tooltips: "Nov 3, 2026" / "3 nov. 2026". */
export function longDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
