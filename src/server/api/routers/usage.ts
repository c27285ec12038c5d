import { z } from "zod";
import { ZDayKeySchema, ZMonthKeySchema } from "@/lib/schemas/usage";
import { parseMonthKey } from "@/lib/usage-period";
import { exportUsageCsv, getUsageDaily, getUsageHistory, getUsageSummary } from "@/server/services/usage/usage-summary";
import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";

export const usageRouter = createTRPCRouter({
  /** The month's usage per project and for the team, with effective limits and levels. */
  summary: teamProcedure()
    .input(z.object({ month: ZMonthKeySchema.optional() }))
    .query(({ ctx, input }) => getUsageSummary(ctx.db, ctx.access.team, { month: input.month ? parseMonthKey(input.month)! : undefined, now: ctx.now })),
  /** Daily rows between two days (inclusive, at most 366 days). */
  daily: teamProcedure()
    .input(z.object({ from: ZDayKeySchema, to: ZDayKeySchema }))
    .query(({ ctx, input }) => getUsageDaily(ctx.db, ctx.access.team.id, { from: input.from, to: input.to })),
  /** Monthly totals of the last `months` months, oldest first. */
  history: teamProcedure()
    .input(z.object({ months: z.number().int().min(1).max(36).default(12) }))
    .query(({ ctx, input }) => getUsageHistory(ctx.db, ctx.access.team.id, { months: input.months, now: ctx.now })),
  /** The month's daily rows as CSV text. */
  exportCsv: teamProcedure()
    .input(z.object({ month: ZMonthKeySchema }))
    .query(({ ctx, input }) => exportUsageCsv(ctx.db, ctx.access.team.id, parseMonthKey(input.month)!)),
});
