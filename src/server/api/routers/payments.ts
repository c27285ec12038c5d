import { z } from "zod";
import { ZInitiatePaymentSchema } from "../../../lib/schemas/payments";
import { cancelPayment, getPaymentStatus, initiatePayment, listPayments } from "../../services/payments/payments";
import { createTRPCRouter, protectedProcedure, teamProcedure } from "../trpc";

const ZPaymentRef = z.object({ paymentId: z.string().min(1).max(100) });

export const paymentsRouter = createTRPCRouter({
  /** Starts the Pro upgrade (owners and admins); the amount is the server's. */
  initiate: teamProcedure("admin")
    .input(ZInitiatePaymentSchema)
    .mutation(({ ctx, input }) => {
      const { team: _team, ...body } = input;
      return initiatePayment(ctx.db, ctx.payments(), { access: ctx.access, userId: ctx.user.id, body });
    }),
  /** Current status; while pending the backend is asked. */
  status: protectedProcedure
    .input(ZPaymentRef)
    .query(async ({ ctx, input }) => {
      const p = await getPaymentStatus(ctx.db, ctx.payments(), { paymentId: input.paymentId, userId: ctx.user.id, globalRole: ctx.user.role });
      if (p.status === "completed") ctx.onPaymentCompleted(p.team_id);
      return p;
    }),
  cancel: protectedProcedure
    .input(ZPaymentRef)
    .mutation(({ ctx, input }) => cancelPayment(ctx.db, ctx.payments(), { paymentId: input.paymentId, userId: ctx.user.id, globalRole: ctx.user.role })),
  history: teamProcedure().query(({ ctx }) => listPayments(ctx.db, ctx.access.team.id)),
});
