import "server-only";
import { after } from "next/server";
import { inngest, PAYMENT_INITIATED } from "./inngest-client";
import { logger } from "./log";
import type { TPaymentInitiatedEvent } from "./services/payments/payments";

/**
 * After a payment was started: `payment/initiated` for `reconcile-payment` (spec 14.3). Sent after
 * the answer; a failed send (no Inngest server, no event key) is logged, never raised: the
 * Billing page's polling, any status read and the nightly reconciliation still end the payment.
 */
export function announcePaymentInitiated(event: TPaymentInitiatedEvent) {
  after(async () => {
    try {
      await inngest.send({ name: PAYMENT_INITIATED, data: { ...event } });
    } catch (err) {
      // One line, no stack: without an Inngest server this is expected, and every payment says it.
      const why = err instanceof Error ? err.message.split("\n")[0]!.slice(0, 200) : String(err);
      logger.warn(
        { payment_id: event.payment_id, error: why },
        "payment/initiated was not sent, so reconcile-payment will not follow it (status reads and the nightly run still end it)",
      );
    }
  });
}
