import { DomainError } from "@/server/errors";
import { getRevenueReport } from "@/server/services/admin/revenue";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";

/** The global role `admin` only; anyone else gets NOT_FOUND, as another team's things do. */
const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new DomainError("NOT_FOUND", "Not found.");
  return next({ ctx });
});

/** The admin console (spec 17). */
export const adminRouter = createTRPCRouter({
  revenue: adminProcedure.query(({ ctx }) => getRevenueReport(ctx.db, ctx.now)),
});
