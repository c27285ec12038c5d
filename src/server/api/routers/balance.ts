import { ZAutoRenewSchema, ZLedgerQuerySchema } from "@/lib/schemas/billing";
import { getBalanceView, setAutoRenew } from "@/server/services/billing/auto-renew";
import { listLedger } from "@/server/services/billing/balance";
import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";

/** The prepaid balance (spec 15): members read it; owners and admins switch automatic renewal. */
export const balanceRouter = createTRPCRouter({
  /** The balance, the top-up bounds and the next renewals with whether the balance covers them. */
  get: teamProcedure().query(({ ctx }) => getBalanceView(ctx.db, ctx.access.team.id, ctx.now)),
  /** A page of the ledger, newest first; `before` is the previous page's `next_before`. */
  ledger: teamProcedure()
    .input(ZLedgerQuerySchema)
    .query(({ ctx, input }) => listLedger(ctx.db, ctx.access.team.id, { limit: input.limit, before: input.before ?? null })),
  /** `{ item: "pro" | <add-on id>, enabled }`. */
  setAutoRenew: teamProcedure("admin", { action: "change automatic renewal" })
    .input(ZAutoRenewSchema)
    .mutation(({ ctx, input }) => setAutoRenew(ctx.db, { access: ctx.access, item: input.item, enabled: input.enabled })),
});
