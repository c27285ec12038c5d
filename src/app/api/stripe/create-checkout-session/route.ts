// POST /api/stripe/create-checkout-session?team=<slug> – a Stripe Checkout for Pro or a top-up (owners and admins); the amount is the server's
import { ZStripeCheckoutSchema } from "@/lib/schemas/payments";
import { parseJsonText } from "@/server/api/rest";
import { openCheckout } from "@/server/api/stripe-checkout";
import { withStripeTeam } from "@/server/api/stripe-rest";

export const dynamic = "force-dynamic";

export const POST = withStripeTeam(async (req, ctx) => {
  const text = await req.text();
  return openCheckout(ctx, parseJsonText(text.trim() ? text : "{}", ZStripeCheckoutSchema));
});
