// GET /api/stripe/payment/stats?team=<slug> – the team's card payments through Stripe summed by currency
import { jsonResponse } from "@/server/api/rest";
import { withStripeTeam } from "@/server/api/stripe-rest";
import { getStripePaymentStats } from "@/server/services/payments/card-billing";

export const dynamic = "force-dynamic";

export const GET = withStripeTeam(async (_req, ctx) => jsonResponse(await getStripePaymentStats(ctx.db, ctx.payments, ctx.access.team.id)));
