import "server-only";
import { followUpPayment } from "@/server/jobs";
import type { TWebhookAnswer } from "@/server/services/payments/payment-webhook";
import { toErrorResponse } from "./rest";

/**
 * A payment provider's webhook route: `handle` verifies and applies the delivery; the answer goes
 * back as JSON, any failure as the documented REST error, and when a payment moved, its notice is
 * e-mailed and a completed upgrade or add-on may lift a suspension, after the answer.
 */
export function webhookRoute(handle: (req: Request) => Promise<TWebhookAnswer>) {
  return async (req: Request): Promise<Response> => {
    try {
      const answer = await handle(req);
      if (answer.teamId) followUpPayment(answer.teamId);
      return Response.json(answer.body, { status: answer.status });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}
