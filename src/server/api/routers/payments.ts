import { z } from "zod";
import { ZInitiatePaymentSchema } from "@/lib/schemas/payments";
import { getCardBilling, getPaymentStats, openBillingPortal } from "@/server/services/payments/card-billing";
import { cancelPayment, getPaymentStatus, initiatePayment, listPayments } from "@/server/services/payments/payments";
import { createTRPCRouter, protectedProcedure, teamProcedure } from "@/server/api/trpc";

const ZPaymentRef = z.object({ paymentId: z.string().min(1).max(100) });

export const paymentsRouter = createTRPCRouter({
  /** Starts the Pro upgrade (owners and admins); the amount is the server's. */
  initiate: teamProcedure("admin", { action: "make payments" })
    .input(ZInitiatePaymentSchema)
    .mutation(async ({ ctx, input }) => {
      const { team: _team, ...body } = input;
      const started = await initiatePayment(ctx.db, ctx.payments(), { access: ctx.access, userId: ctx.user.id, body });
      // Paid at once (from the balance): its notice and receipt go out after the answer.
      if (started.status === "completed") ctx.onPaymentCompleted(ctx.access.team.id);
      return started;
    }),
  /** Current status; while pending the backend is asked. */
  status: protectedProcedure.input(ZPaymentRef).query(async ({ ctx, input }) => {
    return getPaymentStatus(ctx.db, ctx.payments(), { paymentId: input.paymentId, userId: ctx.user.id, globalRole: ctx.user.role }, ctx.onPaymentCompleted);
  }),
  cancel: protectedProcedure
    .input(ZPaymentRef)
    .mutation(({ ctx, input }) => cancelPayment(ctx.db, ctx.payments(), { paymentId: input.paymentId, userId: ctx.user.id, globalRole: ctx.user.role })),
  history: teamProcedure().query(({ ctx }) => listPayments(ctx.db, ctx.access.team.id)),
  /** Paid, open, failed and cancelled payments by provider. */
  stats: teamProcedure().query(({ ctx }) => getPaymentStats(ctx.db, ctx.access.team.id)),
  /** Whether cards go through Stripe here, and the team's Stripe customer and subscription state. */
  cardBilling: teamProcedure().query(({ ctx }) => getCardBilling(ctx.db, ctx.paymentsIfConfigured(), ctx.access.team.id)),
  /** Opens a Stripe billing portal session for the team's customer (owners and admins). */
  portal: teamProcedure("admin", { action: "manage card billing" }).mutation(({ ctx }) => openBillingPortal(ctx.db, ctx.payments(), ctx.access)),
});
