import { type TPaymentStatus } from "@/lib/payments";
import { createHash } from "node:crypto";
import Stripe from "stripe";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/log";
import type { TPaymentProvider, TProviderStatus } from "@/server/services/payments/provider";

export type { Stripe };

export interface TStripeOptions {
  secretKey: string;
  /** Another API address than Stripe's (stripe-mock, or the tests' local stand-in): http://127.0.0.1:12111. */
  apiUrl?: string;
  timeoutMs?: number;
}

/** The official client; `apiUrl` goes to its `host`/`port`/`protocol` options. */
export function createStripeClient(opts: TStripeOptions): Stripe {
  const api = opts.apiUrl ? new URL(opts.apiUrl) : null;
  return new Stripe(opts.secretKey, {
    timeout: opts.timeoutMs ?? 10_000,
    maxNetworkRetries: 1,
    appInfo: { name: "servelink-console" },
    ...(api
      ? {
          host: api.hostname,
          port: api.port || (api.protocol === "http:" ? 80 : 443),
          protocol: api.protocol === "http:" ? ("http" as const) : ("https" as const),
        }
      : {}),
  });
}

/**
 * A Stripe failure as the caller sees it: 502 with what Stripe said about the request. Stripe's
 * words about our own keys or account stay in the server log (they may quote a masked key).
 */
function toGatewayError(err: unknown, action: string): DomainError {
  if (err instanceof DomainError) return err;
  const stripeError = err instanceof Stripe.errors.StripeError ? err : null;
  const aboutUs = err instanceof Stripe.errors.StripeAuthenticationError || err instanceof Stripe.errors.StripePermissionError;
  if (aboutUs) logger.error({ action, error: stripeError?.message }, "stripe refused the server's own credentials");
  const detail = aboutUs
    ? " (the server's Stripe settings need attention). Try again later, or open a support ticket"
    : stripeError?.message
      ? `: ${stripeError.message}`
      : "";
  const unreachable = stripeError?.type === "StripeConnectionError";
  return new DomainError(
    "BAD_GATEWAY",
    unreachable ? `Stripe cannot be reached right now (${action}). Try again in a moment.` : `Stripe refused to ${action}${detail}.`,
    { reason: unreachable ? "stripe_unreachable" : "stripe_error", cause: err },
  );
}

/** The id of an expandable Stripe field (an id, or the object when expanded). */
export const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === "string" ? v : (v?.id ?? null));

/** Checkout Session → our status: paid → completed, expired → cancelled, otherwise still pending. */
export function checkoutSessionStatus(session: Stripe.Checkout.Session): TProviderStatus {
  let status: TPaymentStatus = "pending";
  if (session.status === "complete") status = session.payment_status === "unpaid" ? "processing" : "completed";
  else if (session.status === "expired") status = "cancelled";
  return {
    status,
    amountMinor: session.amount_total ?? undefined,
    currency: session.currency ? session.currency.toUpperCase() : undefined,
    transactionId: idOf(session.payment_intent) ?? idOf(session.invoice) ?? session.id,
    billingLink: { stripeCustomerId: idOf(session.customer), stripeSubscriptionId: idOf(session.subscription) },
  };
}

/** Stripe's shortest allowed, just over the 30 minutes a pending payment is offered again. */
export const STRIPE_CHECKOUT_TTL_MS = 31 * 60_000;

export interface TStripeProvider extends TPaymentProvider {
  /** A billing portal session for the customer; answers its URL. */
  portal(customerId: string, returnUrl: string): Promise<string>;
  /** Creates the team's Stripe customer; asked twice with the same team, Stripe answers the same customer (idempotency key). */
  createCustomer(team: { id: string; slug: string; name: string }): Promise<string>;
  /** Stops a subscription's renewals at the end of its paid period (`cancel_at_period_end`); answers the subscription as Stripe has it then. */
  cancelAtPeriodEnd(subscriptionId: string): Promise<Stripe.Subscription>;
}

/**
 * Stripe as a payment provider (spec 7.5): a payment is a Checkout Session with our amount (one
 * line, `price_data`), our payment id in its metadata and `client_reference_id`, and the Billing
 * page as success and cancel URL. A recurring Pro is a `subscription` session billed every 30 days.
 */
export function stripeProvider(client: Stripe, now: () => number = Date.now): TStripeProvider {
  return {
    id: "stripe",
    async start(input) {
      const p = input.payment;
      const metadata = { payment_id: p.id, team_id: p.teamId, team_slug: input.teamSlug, purpose: p.purpose };
      const currency = p.currency.toLowerCase();
      const recurring = input.recurring && p.purpose === "plan_upgrade";
      try {
        const session = await client.checkout.sessions.create(
          {
            mode: recurring ? "subscription" : "payment",
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency,
                  unit_amount: p.amountMinor,
                  product_data: { name: input.description },
                  ...(recurring ? { recurring: { interval: "day" as const, interval_count: 30 } } : {}),
                },
              },
            ],
            metadata,
            client_reference_id: p.id,
            success_url: input.returnUrl,
            cancel_url: input.returnUrl,
            expires_at: Math.floor(Math.max(input.expiresAt.getTime(), now() + STRIPE_CHECKOUT_TTL_MS) / 1000),
            // The team's one customer, created before its first Checkout: two Checkouts opened at once
            // never make two customers, and the billing portal shows every card payment.
            customer: input.stripeCustomerId ?? undefined,
            ...(recurring ? { subscription_data: { metadata } } : { payment_intent_data: { metadata, description: input.description } }),
          },
          { idempotencyKey: `checkout-${p.id}` },
        );
        if (!session.url) throw new DomainError("BAD_GATEWAY", "Stripe did not give a Checkout page for this payment.", { reason: "stripe_error" });
        return {
          externalPaymentId: session.id,
          paymentUrl: session.url,
          qrCode: null,
          status: "pending",
          expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
          instructions: null,
        };
      } catch (err) {
        throw toGatewayError(err, "open a Checkout page");
      }
    },
    async status(externalPaymentId) {
      try {
        return checkoutSessionStatus(await client.checkout.sessions.retrieve(externalPaymentId));
      } catch (err) {
        throw toGatewayError(err, "report the payment");
      }
    },
    async cancel(externalPaymentId) {
      try {
        return { status: checkoutSessionStatus(await client.checkout.sessions.expire(externalPaymentId)).status };
      } catch (err) {
        // Already complete or expired: Stripe refuses to expire it; answer what it is now.
        if (err instanceof Stripe.errors.StripeInvalidRequestError) return { status: (await this.status(externalPaymentId)).status };
        throw toGatewayError(err, "cancel the Checkout page");
      }
    },
    async createCustomer(team) {
      try {
        const params = { name: team.name, description: `Servelink team ${team.slug}`, metadata: { team_id: team.id, team_slug: team.slug } };
        // Stripe refuses a key reused with other parameters for 24 h: the key follows what is sent,
        // so a team renamed after a failed attempt is not locked out of card payments.
        const digest = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16);
        const customer = await client.customers.create(params, { idempotencyKey: `customer-${team.id}-${digest}` });
        return customer.id;
      } catch (err) {
        throw toGatewayError(err, "create the team's customer");
      }
    },
    async portal(customerId, returnUrl) {
      try {
        const session = await client.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
        return session.url;
      } catch (err) {
        throw toGatewayError(err, "open the billing portal");
      }
    },
    async cancelAtPeriodEnd(subscriptionId) {
      try {
        return await client.subscriptions.update(subscriptionId, { cancel_at_period_end: true }, { idempotencyKey: `cancel-${subscriptionId}` });
      } catch (err) {
        throw toGatewayError(err, "stop the card renewal");
      }
    },
  };
}
