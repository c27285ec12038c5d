import "server-only";
import { followUpPayment } from "@/server/after-response";
import { countWebhookDelivery, timeRequest, type TWebhookProvider } from "@/server/metrics";
import type { TWebhookOutcome } from "@/server/services/payments/webhook-outcome";
import { toErrorResponse } from "./rest";
import { webhookHttpAnswer } from "./webhook-answer";

/**
 * A payment provider's webhook route: `handle` verifies and applies the delivery and says what
 * became of it; the route answers it in HTTP (webhook-answer.ts), any failure as the documented
 * REST error, and when a payment moved, its notice is e-mailed and a completed upgrade or add-on
 * may lift a suspension, after the answer. Each delivery is counted by provider and outcome and
 * timed under `route`, the path's template (spec 17).
 */
export function webhookRoute(
  handle: (req: Request) => Promise<TWebhookOutcome>,
  opts: { provider: TWebhookProvider; route: string; signatureStatus?: number },
) {
  return (req: Request): Promise<Response> =>
    timeRequest(opts.route, req, async () => {
      try {
        const outcome = await handle(req);
        countWebhookDelivery(opts.provider, outcome.outcome === "refused" ? outcome.refusal : outcome.outcome);
        if (outcome.outcome !== "refused" && outcome.teamId) followUpPayment(outcome.teamId);
        const { status, body } = webhookHttpAnswer(outcome, opts);
        return Response.json(body, { status });
      } catch (err) {
        countWebhookDelivery(opts.provider, "error");
        return toErrorResponse(err);
      }
    });
}
