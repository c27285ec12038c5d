import { ZStripeTeamQuery } from "@/lib/schemas/rest";
import { parseQuery, withApiAuth, type TRestContext } from "@/server/api/rest";
import { getPaymentContext, stripeConfig } from "@/server/payments-config";
import { requireStripe } from "@/server/services/payments/card-billing";
import type { TPaymentContext } from "@/server/services/payments/payments";
import { getTeamAccess, type TTeamAccess } from "@/server/services/teams/teams";

/**
 * A handler of the Stripe notes' REST paths (spec 20): `withApiAuth`, then 404
 * `stripe_not_configured` without STRIPE_SECRET_KEY, then `?team=` and the caller's access to it
 * (another team's is a 404). Role rules stay with the services.
 */
export function withStripeTeam(handler: (req: Request, ctx: TRestContext & { access: TTeamAccess; payments: TPaymentContext }) => Promise<Response>) {
  return withApiAuth<Record<string, never>>(async (req, ctx) => {
    const payments = stripeConfig() ? getPaymentContext() : null;
    requireStripe(payments);
    const { team } = parseQuery(req, ZStripeTeamQuery);
    const access = await getTeamAccess(ctx.db, { teamRef: team, userId: ctx.user.id, globalRole: ctx.user.role });
    return handler(req, { ...ctx, access, payments: payments! });
  });
}
