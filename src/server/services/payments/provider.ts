import type { TPaymentStatusValue } from "../../../lib/schemas/payments";
import { fromCents, toCents } from "../../../lib/schemas/payments";
import type { payment } from "../../db/schema";
import type { TPaymentBackend } from "../../integrations/payment-backend";

type TPaymentRow = typeof payment.$inferSelect;
export type TPaymentProviderId = TPaymentRow["provider"];

/** What a provider needs to open the payment page of a pending payment. */
export interface TProviderStartInput {
  payment: TPaymentRow;
  teamSlug: string;
  description: string;
  /** Where the payer comes back (Billing, or Add-ons for an add-on). */
  returnUrl: string;
  /** The team's Stripe customer, created before its first Checkout (Stripe only; the backend ignores it). */
  stripeCustomerId: string | null;
  /** Pro billed by card every 30 days until cancelled (Stripe only). */
  recurring: boolean;
}

export interface TProviderStarted {
  externalPaymentId: string;
  paymentUrl: string;
  qrCode: string | null;
  status: TPaymentStatusValue;
}

/** A provider's view of a payment, applied through the status machine (amount and currency checked). */
export interface TProviderStatus {
  status: TPaymentStatusValue;
  amountCents: number | undefined;
  currency: string | undefined;
  transactionId: string | null;
  /** Stripe: the customer (and, for a recurring Pro, the subscription) the payment created. */
  billingLink?: { stripeCustomerId: string | null; stripeSubscriptionId: string | null };
}

/**
 * A payment provider (spec 7.2 and 7.5). Services and effects only see this; which provider ran a
 * payment is stored on the payment (`payment.provider`).
 */
export interface TPaymentProvider {
  readonly id: TPaymentProviderId;
  start(input: TProviderStartInput): Promise<TProviderStarted>;
  status(externalPaymentId: string): Promise<TProviderStatus>;
  /** Asks the provider to cancel; answers the status the payment is in afterwards. */
  cancel(externalPaymentId: string): Promise<{ status: TPaymentStatusValue }>;
}

/** The payment backend of section 7.2 (real or sandbox) as a provider. */
export function backendProvider(client: TPaymentBackend, callbackUrl: string): TPaymentProvider {
  return {
    id: "payment_backend",
    async start(input) {
      const p = input.payment;
      const answer = await client.initiate({
        payment_id: p.id,
        amount: fromCents(p.amountCents),
        currency: p.currency,
        payment_method: p.paymentMethod,
        description: input.description,
        callback_url: callbackUrl,
        return_url: input.returnUrl,
        metadata: { team_id: p.teamId, purpose: p.purpose },
      });
      return { externalPaymentId: answer.external_payment_id, paymentUrl: answer.payment_url, qrCode: answer.qr_code ?? null, status: answer.status };
    },
    async status(externalPaymentId) {
      const answer = await client.status(externalPaymentId);
      return { status: answer.status, amountCents: toCents(answer.amount), currency: answer.currency, transactionId: answer.transaction_id ?? null };
    },
    cancel: (externalPaymentId) => client.cancel(externalPaymentId),
  };
}
