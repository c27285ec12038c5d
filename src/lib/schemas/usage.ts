import { z } from "zod";

export const MAX_EVENTS_PER_BATCH = 10_000;

export const ZTrafficEventSchema = z.object({
  project_id: z.string().min(1).max(100),
  bytes: z.number().int("must be an integer").nonnegative("must not be negative").max(Number.MAX_SAFE_INTEGER),
  at: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-01-25T10:00:00Z" }).optional(),
});

export const ZTrafficBatchSchema = z.object({
  events: z
    .array(ZTrafficEventSchema)
    .min(1, "must hold at least 1 event")
    .max(MAX_EVENTS_PER_BATCH, `must hold at most ${MAX_EVENTS_PER_BATCH} events`),
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
