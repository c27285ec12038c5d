import { z } from "zod";

export const MAX_EVENTS_PER_BATCH = 10_000;

export const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
export const ISO_DATETIME_MESSAGE = "must be an ISO 8601 date-time with a time zone, e.g. 2026-01-25T10:00:00Z";

const digits = (v: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
};
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether an ISO date-time that matched ISO_DATETIME names a moment that exists (spec 13):
 * `2026-11-31T05:00:00Z` or `25:00` are refused, not rolled over to the next day. Reads the digits
 * by position (it runs for each of 10,000 events of a batch).
 */
export function isRealDateTime(value: string): boolean {
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  const hour = digits(value, 11, 13);
  const minute = digits(value, 14, 16);
  const second = value.charCodeAt(16) === 58 ? digits(value, 17, 19) : 0;
  if (!(month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return false;
  const last = value.charCodeAt(value.length - 1);
  if (last !== 90 /* Z */) {
    const offsetHours = digits(value, value.length - 5, value.length - 3);
    const offsetMinutes = digits(value, value.length - 2, value.length);
    if (!(offsetHours <= 23 && offsetMinutes <= 59)) return false;
  }
  const leap = month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

export const ZTrafficEventSchema = z.object({
  project_id: z.string().min(1).max(100),
  bytes: z.number().int("must be an integer").nonnegative("must not be negative").max(Number.MAX_SAFE_INTEGER),
  // A plain pattern (z.iso.datetime costs 3x more on 10,000-event batches); the calendar itself is
  // checked when the batch is read (recordTraffic), before anything is written.
  at: z.string().regex(ISO_DATETIME, ISO_DATETIME_MESSAGE).optional(),
});

export const ZTrafficBatchSchema = z.object({
  events: z.array(ZTrafficEventSchema).min(1, "must hold at least 1 event").max(MAX_EVENTS_PER_BATCH, `must hold at most ${MAX_EVENTS_PER_BATCH} events`),
});

export type TTrafficEvent = z.infer<typeof ZTrafficEventSchema>;
export type TTrafficBatch = z.infer<typeof ZTrafficBatchSchema>;

export const TRAFFIC_REJECT_REASONS = ["unknown_project", "too_old", "in_future"] as const;
export type TTrafficRejectReason = (typeof TRAFFIC_REJECT_REASONS)[number];

export interface TTrafficResult {
  accepted: number;
  rejected: { index: number; reason: TTrafficRejectReason }[];
}

export const ZMonthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");
export const ZDayKeySchema = z.iso.date("must be a day as YYYY-MM-DD");
