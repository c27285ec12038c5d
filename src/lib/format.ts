import { clock } from "./clock";
import { fromMinor } from "./money";
/**
 * How numbers, money and dates read in the UI, in the user's locale. Pure functions of their
 * arguments (pass `now` to get the same answer on the server and in the browser); no server imports.
 */

const KB = 1024;
const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** Bytes as "4.2 GB" (1 GB = 1024^3 bytes); one decimal under 10 units, none above. */
export function formatBytes(bytes: number | bigint, locale = "en"): string {
  let value = typeof bytes === "bigint" ? Number(bytes) : bytes;
  if (!Number.isFinite(value) || value < 0) value = 0;
  let unit = 0;
  while (value >= KB && unit < UNITS.length - 1) {
    value /= KB;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
  return `${number} ${UNITS[unit]}`;
}

/** Megabytes (as plan limits are stored) as "100 MB" or "10 GB". */
export function formatMegabytes(mb: number, locale = "en"): string {
  return formatBytes(mb * KB * KB, locale);
}

/** Integer minor units as money: 300 EUR → "€3.00" in English, "3,00 €" in French; 1970 XOF → "1 970 F CFA" in French. */
export function formatMoney(minor: number, currency = "EUR", locale = "en"): string {
  const key = `${locale}|${currency}`;
  let format = MONEY_FORMATS.get(key);
  if (!format) MONEY_FORMATS.set(key, (format = new Intl.NumberFormat(locale, { style: "currency", currency })));
  return format.format(fromMinor(minor, currency));
}
/** One formatter per locale and currency: making one costs far more than formatting with it (a webhook writes two amounts per notice). */
const MONEY_FORMATS = new Map<string, Intl.NumberFormat>();

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** An absolute date, e.g. "Mar 4, 2026" / "4 mars 2026" (UTC, as every time in the product). */
export function formatDate(value: Date | string | number, locale = "en"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(toDate(value));
}

/** An absolute date and time, for tooltips: "Mar 4, 2026, 14:05 UTC". */
export function formatDateTime(value: Date | string | number, locale = "en"): string {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" }).format(toDate(value))} UTC`;
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.34524],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** A date relative to `now`: "3 hours ago", "in 3 days", "dans 3 jours". */
export function formatRelative(value: Date | string | number, locale = "en", now: Date | number = clock.nowMs()): string {
  let delta = (toDate(value).getTime() - (now instanceof Date ? now.getTime() : now)) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(delta) < size) return rtf.format(Math.round(delta), unit);
    delta /= size;
  }
  return rtf.format(Math.round(delta), "year");
}
