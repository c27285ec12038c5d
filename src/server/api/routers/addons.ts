import { PAYMENT_METHODS } from "@/lib/payments";
import { z } from "zod";
import { ZPurchaseAddonSchema } from "@/lib/schemas/addons";
import { cancelAddon, getTeamLimits, listAddonCatalogue, listTeamAddons, purchaseAddon, renewAddon } from "@/server/services/addons/addons";
import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";
import { ZPayerFields } from "@/lib/schemas/payments";
import { getBillingProfile } from "@/server/services/billing/billing-profile";

/** A purchase paid at once (from the balance): its notice and receipt go out after the answer. */
function settled<T extends { status: string }>(ctx: { onPaymentCompleted: (teamId: string) => void; access: { team: { id: string } } }, answer: T): T {
  if (answer.status === "completed") ctx.onPaymentCompleted(ctx.access.team.id);
  return answer;
}

export const addonsRouter = createTRPCRouter({
  /** The catalogue: type, unit, price per 30 days. */
  catalogue: teamProcedure().query(async ({ ctx }) => listAddonCatalogue((await getBillingProfile(ctx.db, ctx.access.team.id)).currency)),
  list: teamProcedure().query(({ ctx }) => listTeamAddons(ctx.db, ctx.access.team.id, ctx.now)),
  limits: teamProcedure().query(({ ctx }) => getTeamLimits(ctx.db, ctx.access.team.id, ctx.now)),
  purchase: teamProcedure("admin", { action: "buy add-ons" })
    .input(ZPurchaseAddonSchema)
    .mutation(async ({ ctx, input }) =>
      settled(
        ctx,
        await purchaseAddon(ctx.db, ctx.payments(), {
          access: ctx.access,
          userId: ctx.user.id,
          resourceType: input.resource_type,
          quantity: input.quantity,
          paymentMethod: input.payment_method,
          payer: { payer_phone: input.payer_phone, operator: input.operator },
        }),
      ),
    ),
  renew: teamProcedure("admin", { action: "renew add-ons" })
    .input(z.object({ resourceId: z.string().min(1), payment_method: z.enum(PAYMENT_METHODS).default("mobile_money"), ...ZPayerFields }))
    .mutation(async ({ ctx, input }) =>
      settled(
        ctx,
        await renewAddon(ctx.db, ctx.payments(), {
          access: ctx.access,
          userId: ctx.user.id,
          resourceId: input.resourceId,
          paymentMethod: input.payment_method,
          payer: { payer_phone: input.payer_phone, operator: input.operator },
        }),
      ),
    ),
  cancel: teamProcedure("admin", { action: "cancel add-ons" })
    .input(z.object({ resourceId: z.string().min(1) }))
    .mutation(({ ctx, input }) => cancelAddon(ctx.db, { access: ctx.access, resourceId: input.resourceId })),
});
