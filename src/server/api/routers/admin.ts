import { DomainError } from "@/server/errors";
import { getRevenueReport } from "@/server/services/admin/revenue";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import { resolveTeamId } from "@/server/services/support/tickets";
import { listStaffActions } from "@/server/services/support/staff-actions";
import { z } from "zod";

/** The global role `admin` only; anyone else gets NOT_FOUND, as another team's things do. */
const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new DomainError("NOT_FOUND", "Not found.");
  return next({ ctx });
});

/** The admin console (spec 17). */
export const adminRouter = createTRPCRouter({
  revenue: adminProcedure.query(({ ctx }) => getRevenueReport(ctx.db, ctx.now)),
  /** What staff did from tickets (spec 19), newest first: `next_before` pages on. */
  audit: adminProcedure
    .input(
      z.object({ limit: z.number().int().min(1).max(100).default(50), before: z.string().min(1).max(100).nullish(), team: z.string().max(100).optional() }),
    )
    .query(async ({ ctx, input }) => {
      const teamId = input.team ? await resolveTeamId(ctx.db, input.team) : undefined;
      return listStaffActions(ctx.db, { limit: input.limit, before: input.before, teamId });
    }),
});
