import { ZUpdateBillingProfileSchema } from "@/lib/schemas/billing";
import { getBillingProfile, toBillingProfileView, updateBillingProfile } from "@/server/services/billing/billing-profile";
import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";

export const billingRouter = createTRPCRouter({
  /** The team's currency and country (spec 14.1), and the number it paid with last. */
  profile: teamProcedure().query(async ({ ctx }) => toBillingProfileView(await getBillingProfile(ctx.db, ctx.access.team.id))),
  /** Owners and admins: `{ currency, country }`, which must agree. */
  updateProfile: teamProcedure("admin", { action: "change the billing profile" })
    .input(ZUpdateBillingProfileSchema)
    .mutation(async ({ ctx, input }) => {
      const { team: _team, ...body } = input;
      return toBillingProfileView(await updateBillingProfile(ctx.db, { access: ctx.access, body }));
    }),
});
