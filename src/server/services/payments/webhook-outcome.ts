/**
 * What became of a webhook delivery, in the services' words; the route turns it into an HTTP
 * answer (server/api/webhook-answer.ts). Accepted deliveries carry the team whose payment moved,
 * for the follow-up after the answer.
 */
export type TWebhookRefusal = "invalid_signature" | "invalid_request" | "unknown_payment" | "amount_mismatch" | "payment_mismatch" | "status_unavailable";

export type TWebhookOutcome =
  { outcome: "applied" | "unchanged" | "duplicate" | "ignored"; teamId?: string } | { outcome: "refused"; refusal: TWebhookRefusal; message: string };

export const accepted = (outcome: "applied" | "unchanged" | "duplicate" | "ignored", teamId?: string): TWebhookOutcome => ({
  outcome,
  ...(teamId ? { teamId } : {}),
});
export const refused = (refusal: TWebhookRefusal, message: string): TWebhookOutcome => ({ outcome: "refused", refusal, message });
