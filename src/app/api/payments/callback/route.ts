// POST /api/payments/callback – the payment backend's webhook, Standard Webhooks signature on the raw body
import { webhookRoute } from "@/server/api/webhook-route";
import { getDb } from "@/server/db-config";
import { DomainError } from "@/server/errors";
import { getPaymentContextIfConfigured, paymentWebhookSecret } from "@/server/payments-config";
import { handlePaymentWebhook } from "@/server/services/payments/payment-webhook";

export const dynamic = "force-dynamic";

export const POST = webhookRoute(
  async (req) => {
    const secret = paymentWebhookSecret();
    if (!secret) throw new DomainError("SERVICE_UNAVAILABLE", "Payment webhooks are not configured (PAYMENT_WEBHOOK_SECRET).");
    const backend = getPaymentContextIfConfigured()?.backend ?? null;
    return handlePaymentWebhook(await getDb(), {
      rawBody: await req.text(),
      headers: req.headers,
      secret,
      askStatus: backend ? (id) => backend.status(id) : undefined,
    });
  },
  { provider: "payment_backend", route: "/api/payments/callback" },
);
