import "server-only";
import { followUpPayment } from "@/server/after-response";
import type { TWebhookOutcome } from "@/server/services/payments/webhook-outcome";
import { toErrorResponse } from "./rest";
import { webhookHttpAnswer } from "./webhook-answer";

/**
 * A payment provider's webhook route: `handle` verifies and applies the delivery and says what
 * became of it; the route answers it in HTTP (webhook-answer.ts), any failure as the documented
 * REST error, and when a payment moved, its notice is e-mailed and a completed upgrade or add-on
 * may lift a suspension, after the answer.
 */
export function webhookRoute(handle: (req: Request) => Promise<TWebhookOutcome>, opts: { signatureStatus?: number } = {}) {
  return async (req: Request): Promise<Response> => {
    try {
      const outcome = await handle(req);
      if (outcome.outcome !== "refused" && outcome.teamId) followUpPayment(outcome.teamId);
      const { status, body } = webhookHttpAnswer(outcome, opts);
      return Response.json(body, { status });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
