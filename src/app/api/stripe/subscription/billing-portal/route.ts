// GET /api/stripe/subscription/billing-portal?team=<slug> – a Stripe billing portal session for the team's customer (owners and admins)
import { jsonResponse } from "@/server/api/rest";
import { withStripeTeam } from "@/server/api/stripe-rest";
import { openBillingPortal } from "@/server/services/payments/card-billing";

export const dynamic = "force-dynamic";

export const GET = withStripeTeam(async (_req, ctx) => jsonResponse(await openBillingPortal(ctx.db, ctx.payments, ctx.access)));
