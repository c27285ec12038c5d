// POST /api/payments/callback – the payment backend's webhook, Standard Webhooks signature on the raw body
import { toErrorResponse } from "@/server/api/rest";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { followUpPayment } from "@/server/jobs";
import { paymentWebhookSecret } from "@/server/payments-config";
import { handlePaymentWebhook } from "@/server/services/payments/payment-webhook";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  try {
    const secret = paymentWebhookSecret();
    if (!secret) throw new DomainError("SERVICE_UNAVAILABLE", "Payment webhooks are not configured (PAYMENT_WEBHOOK_SECRET).");
    const rawBody = await req.text();
    const answer = await handlePaymentWebhook(await getDb(), { rawBody, headers: req.headers, secret });
    // The notice is e-mailed; a completed upgrade or add-on may lift a suspension at once.
    if (answer.teamId) followUpPayment(answer.teamId);
    return Response.json(answer.body, { status: answer.status });
  } catch (err) {
    return toErrorResponse(err);
  }
}
