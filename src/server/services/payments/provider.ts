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
  /** The Mobile Money payer (spec 14.2): the number in E.164, the operator and the number's country. */
  payer: { phone: string; operator: string; country: string } | null;
  /** The console's own deadline for the payment (a Stripe Checkout page closes then). */
  expiresAt: Date;
}

export interface TProviderStarted {
  externalPaymentId: string;
  paymentUrl: string;
  qrCode: string | null;
  status: TPaymentStatus;
  /** When the operator's approval window closes, if the provider says (contract v2). */
  expiresAt: Date | null;
  /** What the payer must do, in the provider's words (contract v2). */
  instructions: string | null;
}

/** A provider's view of a payment, applied through the status machine (amount and currency checked). */
export interface TProviderStatus {
  status: TPaymentStatus;
  amountMinor: number | undefined;
  currency: string | undefined;
  transactionId: string | null;
  /** Why a failed payment failed, in the provider's code (contract v2: `insufficient_funds`, `expired`…). */
  failureReason?: string | null;
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
