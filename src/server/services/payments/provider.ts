// The payment provider port: what the services need from a provider. The adapters (the payment
// backend's and Stripe's, in integrations/) implement it.
import type { TPaymentProviderId, TPaymentStatus } from "@/lib/payments";
import type { payment } from "@/server/db/schema";

type TPaymentRow = typeof payment.$inferSelect;
export type { TPaymentProviderId };

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
  status: TPaymentStatus;
}

/** A provider's view of a payment, applied through the status machine (amount and currency checked). */
export interface TProviderStatus {
  status: TPaymentStatus;
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
  cancel(externalPaymentId: string): Promise<{ status: TPaymentStatus }>;
}
