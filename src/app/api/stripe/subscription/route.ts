// GET | POST | DELETE /api/stripe/subscription?team=<slug> – the team's plan and card renewal; start Pro billed to the card; stop the card renewal
import { jsonResponse } from "@/server/api/rest";
import { openCheckout } from "@/server/api/stripe-checkout";
import { withStripeTeam } from "@/server/api/stripe-rest";
import { getStripeSubscription, stopCardRenewal } from "@/server/services/payments/card-billing";

export const dynamic = "force-dynamic";

export const GET = withStripeTeam(async (_req, ctx) => jsonResponse(await getStripeSubscription(ctx.db, ctx.payments, ctx.access.team.id)));

/** Pro billed to the card every 30 days: a Checkout in subscription mode (owners and admins). */
export const POST = withStripeTeam(async (_req, ctx) => openCheckout(ctx, { purpose: "plan_upgrade", auto_renew: true }));

/** Stops renewing to the card at the end of the paid period; Pro runs to it (owners and admins). */
export const DELETE = withStripeTeam(async (_req, ctx) => jsonResponse(await stopCardRenewal(ctx.db, ctx.payments, ctx.access)));
