import type { inferRouterOutputs } from "@trpc/server";
import { FINAL_PAYMENT_STATUSES, type TPaymentMethod, type TPaymentStatus } from "@/lib/payments";
import type { AppRouter } from "@/trpc/types";

// The payment views and the moves shared by the pay forms, the pending screen and the result.

export type TOutputs = inferRouterOutputs<AppRouter>;
export type TPaymentStatusView = TOutputs["payments"]["status"];
export type TPaymentView = TOutputs["payments"]["history"][number];

export function isFinalPayment(status: TPaymentStatus): boolean {
  return (FINAL_PAYMENT_STATUSES as readonly string[]).includes(status);
}

/**
 * Where the payer goes once a payment is started: a card to its payment page; Mobile Money stays
 * on this page, which follows the request sent to the phone (its instructions, the time left, what
 * to do without a prompt; the provider's page, where it has one, is a link there).
 */
export function goToPaymentPage(paymentUrl: string | null, paymentId: string, method: TPaymentMethod = "credit_card") {
  if (paymentUrl && method !== "mobile_money") window.location.assign(paymentUrl);
  else window.location.assign(`${window.location.pathname}?payment=${encodeURIComponent(paymentId)}`);
}
