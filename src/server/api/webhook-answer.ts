import type { TWebhookOutcome, TWebhookRefusal } from "@/server/services/payments/webhook-outcome";

const REFUSAL_STATUS: Record<TWebhookRefusal, number> = {
  invalid_signature: 401,
  invalid_request: 400,
  unknown_payment: 404,
  amount_mismatch: 422,
  payment_mismatch: 422,
  status_unavailable: 503,
};

/**
 * A webhook's HTTP answer: 200 `{ received, outcome }` for what was taken (applied, unchanged, a
 * duplicate, an ignored type), the documented error otherwise. Stripe expects 400 for a bad
 * signature (`signatureStatus`); the payment backend's contract says 401.
 */
export function webhookHttpAnswer(o: TWebhookOutcome, opts: { signatureStatus?: number } = {}): { status: number; body: unknown } {
  if (o.outcome !== "refused") return { status: 200, body: { received: true, outcome: o.outcome } };
  const status = o.refusal === "invalid_signature" && opts.signatureStatus ? opts.signatureStatus : REFUSAL_STATUS[o.refusal];
  return { status, body: { error: { code: o.refusal, message: o.message } } };
}
