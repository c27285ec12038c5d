// POST /api/stripe/webhook – Stripe's webhook, `Stripe-Signature` checked by constructEvent on the raw body
import { toErrorResponse } from "@/server/api/rest";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { followUpPayment } from "@/server/jobs";
import { getStripeWebhookConfig } from "@/server/payments-config";
import { handleStripeWebhook } from "@/server/services/payments/stripe-webhook";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  try {
    const config = getStripeWebhookConfig();
    const rawBody = await req.text();
    const answer = await handleStripeWebhook(await getDb(), { rawBody, signature: req.headers.get("stripe-signature"), ...config });
    // The notice is e-mailed; a completed upgrade or add-on may lift a suspension at once.
    if (answer.teamId) followUpPayment(answer.teamId);
    return Response.json(answer.body, { status: answer.status });
  } catch (err) {
    return toErrorResponse(err);
  }
}
