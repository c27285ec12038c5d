// GET /api/stripe/payment/history?team=<slug> – the team's card payments through Stripe, newest first
import { jsonResponse } from "@/server/api/rest";
import { withStripeTeam } from "@/server/api/stripe-rest";
import { listStripePayments } from "@/server/services/payments/card-billing";

export const dynamic = "force-dynamic";

export const GET = withStripeTeam(async (_req, ctx) => jsonResponse({ payments: await listStripePayments(ctx.db, ctx.payments, ctx.access.team.id) }));
