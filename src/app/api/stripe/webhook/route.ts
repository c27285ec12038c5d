// POST /api/stripe/webhook – Stripe's webhook, `Stripe-Signature` checked by constructEvent on the raw body
import { webhookRoute } from "@/server/api/webhook-route";
import { getDb } from "@/server/db-config";
import { getStripeWebhookConfig } from "@/server/payments-config";
import { handleStripeWebhook } from "@/server/services/payments/stripe-webhook";

export const dynamic = "force-dynamic";

// Stripe's convention: a bad signature is a 400.
export const POST = webhookRoute(
  async (req) => {
    const { secret } = getStripeWebhookConfig();
    return handleStripeWebhook(await getDb(), { rawBody: await req.text(), signature: req.headers.get("stripe-signature"), secret });
  },
  { provider: "stripe", route: "/api/stripe/webhook", signatureStatus: 400 },
);
