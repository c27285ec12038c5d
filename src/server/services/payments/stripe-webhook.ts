import { writeNotifications } from "@/server/services/notifications/write-notifications";
import { notificationOf } from "@/lib/notification-text";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { newId } from "@/lib/ids";
import { PLANS } from "@/lib/plans";
import { plainAmount, priceOf } from "@/lib/money";
import { getBillingProfile } from "@/server/services/billing/billing-profile";
import type { Db } from "@/server/db/client";
import { payment, teamSubscription } from "@/server/db/schema";
import { checkoutSessionStatus, idOf } from "@/server/integrations/stripe";
import { applyPaymentUpdateInTransaction } from "./payment-state";
import { settleWebhookUpdate } from "./payment-webhook";
import { accepted, refused, type TWebhookOutcome } from "./webhook-outcome";
import { finishWebhookEvent, recordWebhookDelivery, type TFinish } from "./webhook-events";
import { clock } from "@/lib/clock";
import { findNulField, NUL_MESSAGE } from "@/lib/text-rules";
import { logger } from "@/server/log";

/**
 * `POST /api/stripe/webhook` (spec 7.5). `constructEvent` checks the `Stripe-Signature` header on
 * the raw body (5-minute tolerance): a bad one is a 400 and nothing is written. Then, in one
 * transaction, the event is recorded in `webhook_event` under its Stripe id (a replay answers 200
 * and changes nothing) and handled:
 * - `checkout.session.completed` (and the async succeeded/failed, `expired`): the payment of the
 *   session goes through the same status machine and effects as the backend's webhook, amount and
 *   currency checked (a mismatch is recorded as rejected, 422, the payment untouched);
 * - `invoice.payment_succeeded` / `invoice.payment_failed`, `customer.subscription.updated` /
 *   `.deleted`: a Pro billed as a Stripe subscription is renewed, or its state follows Stripe's;
 * - any other type: 200, recorded as ignored.
 */
export async function handleStripeWebhook(db: Db, input: { rawBody: string; signature: string | null; secret: string }): Promise<TWebhookOutcome> {
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(input.rawBody, input.signature ?? "", input.secret);
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : "invalid signature";
    return refused("invalid_signature", `Stripe signature rejected: ${message}`);
  }

  const nulField = findNulField(event);
  if (nulField) return refused("invalid_request", `${nulField}: ${NUL_MESSAGE}`);

  return db.transaction(async (tx) => {
    const ref = { provider: "stripe" as const, id: event.id };
    if (!(await recordWebhookDelivery(tx, { ...ref, type: event.type, payload: event }))) return accepted("duplicate");
    const finish: TFinish = (outcome, detail, paymentId) => finishWebhookEvent(tx, ref, { outcome, detail, paymentId });
    // Stripe does not deliver in order: a subscription's state only moves for a newer event.
    const at = new Date(event.created * 1000);

    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded":
      case "checkout.session.async_payment_failed":
      case "checkout.session.expired":
        return onCheckoutSession(tx, event.type, event.data.object, finish);
      case "invoice.payment_succeeded":
        return onInvoicePaid(tx, event.data.object, at, finish);
      case "invoice.payment_failed":
        return onInvoiceFailed(tx, event.data.object, at, finish);
      case "customer.subscription.updated":
      case "customer.subscription.deleted":
        return onSubscriptionChanged(tx, event.type === "customer.subscription.deleted", event.data.object, at, finish);
      default:
        return ignore(finish, `${event.type} is not used by Servelink`);
    }
  });
}

async function onCheckoutSession(tx: Db, type: string, session: Stripe.Checkout.Session, finish: TFinish): Promise<TWebhookOutcome> {
  if (!session.metadata?.payment_id) return ignore(finish, `Checkout Session ${session.id} was not opened by Servelink (no payment_id in its metadata)`);
  const seen = checkoutSessionStatus(session);
  const failed = type === "checkout.session.async_payment_failed";
  const status = failed ? "failed" : type === "checkout.session.expired" ? "cancelled" : seen.status;
  const result = await applyPaymentUpdateInTransaction(
    tx,
    { externalPaymentId: session.id, provider: "stripe" },
    { ...seen, status, failureReason: failed ? "The card payment failed at Stripe." : null, source: "stripe" },
  );
  return settleWebhookUpdate(result, finish, session.id);
}

/** The subscription an invoice bills (API 2025+ puts it under `parent`; older versions at the top). */
function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  const fromParent = idOf(invoice.parent?.subscription_details?.subscription);
  return fromParent ?? idOf((invoice as unknown as { subscription?: string | { id: string } | null }).subscription);
}

/** The event is not about anything of ours: 200, recorded as ignored with why. */
async function ignore(finish: TFinish, why: string): Promise<TWebhookOutcome> {
  await finish("ignored", why);
  return accepted("ignored");
}

/**
 * The team an invoice bills: the one linked to its subscription, or (a paid invoice of a
 * subscription not linked to its team, e.g. a second renewal paid at the same time) the team named
 * in the subscription's metadata, which only we set.
 */
async function teamOfInvoice(tx: Db, invoice: Stripe.Invoice, opts: { byMetadata: boolean }) {
  const subscriptionId = invoiceSubscriptionId(invoice);
  const linked = await teamBilledBy(tx, subscriptionId);
  if (linked || !opts.byMetadata || !subscriptionId) return { subscriptionId, sub: linked, linked: !!linked };
  const teamId = invoice.parent?.subscription_details?.metadata?.team_id;
  const [named] = teamId ? await tx.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)).for("update").limit(1) : [];
  return { subscriptionId, sub: named ?? null, linked: false };
}

async function teamBilledBy(tx: Db, subscriptionId: string | null) {
  if (!subscriptionId) return null;
  const [sub] = await tx.select().from(teamSubscription).where(eq(teamSubscription.stripeSubscriptionId, subscriptionId)).for("update").limit(1);
  return sub ?? null;
}

type TTeamSubscription = typeof teamSubscription.$inferSelect;
type TStripeStatus = NonNullable<TTeamSubscription["stripeSubscriptionStatus"]>;

/**
 * Moves the Stripe side of a team's subscription to `status` for an event created `at`. A
 * cancelled subscription stays cancelled (Stripe never revives one), and an event older than the
 * last one applied changes nothing. Answers whether it moved.
 */
async function setStripeStatus(tx: Db, sub: TTeamSubscription, status: TStripeStatus, at: Date): Promise<boolean> {
  if (sub.stripeSubscriptionStatus === "cancelled" || sub.stripeSubscriptionStatus === status) return false;
  if (sub.stripeStatusAt && at < sub.stripeStatusAt) return false;
  await tx
    .update(teamSubscription)
    .set({ stripeSubscriptionStatus: status, stripeStatusAt: at, updatedAt: clock.now() })
    .where(eq(teamSubscription.id, sub.id));
  return true;
}

const noTeam = (subscriptionId: string | null, invoice: Stripe.Invoice) =>
  subscriptionId ? `no team is billed by subscription ${subscriptionId}` : `invoice ${invoice.id} bills no subscription`;

/**
 * A paid invoice of a Pro billed by Stripe. The first one was paid through the Checkout Session
 * (already applied); each renewal becomes a Pro payment (external id = the invoice) completed
 * through the status machine, which adds 30 days. The amount must be Pro's price: otherwise nothing
 * is credited, and the team and the operators are told (the card was charged).
 */
async function onInvoicePaid(tx: Db, invoice: Stripe.Invoice, at: Date, finish: TFinish): Promise<TWebhookOutcome> {
  const { subscriptionId, sub, linked } = await teamOfInvoice(tx, invoice, { byMetadata: true });
  if (!sub) return ignore(finish, noTeam(subscriptionId, invoice));
  if (invoice.billing_reason === "subscription_create") {
    await finish("processed", "first invoice of the subscription: paid through its Checkout Session");
    return accepted("unchanged");
  }
  const invoiceId = invoice.id!;
  const pro = PLANS.pay_as_you_go;
  const currency = invoice.currency.toUpperCase();
  // Pro's price in the team's currency (it cannot change while the subscription renews).
  const teamCurrency = (await getBillingProfile(tx, sub.teamId)).currency;
  const priceMinor = priceOf("pro", teamCurrency);
  if (invoice.amount_paid !== priceMinor || currency !== teamCurrency) {
    const detail = `invoice ${invoiceId} paid ${plainAmount(invoice.amount_paid, currency)}, Pro costs ${plainAmount(priceMinor, teamCurrency)}`;
    logger.error({ team_id: sub.teamId, detail }, "stripe: renewal not credited");
    await writeNotifications(
      tx,
      [
        {
          teamId: sub.teamId,
          ...notificationOf("payment.failed", {
            variant: "card_renewal_mismatch",
            amount_minor: invoice.amount_paid,
            currency,
            expected_minor: priceMinor,
            invoice_id: invoiceId,
          }),
        },
      ],
      { now: clock.now() },
    );
    await finish("rejected", detail);
    return refused("amount_mismatch", `Pro was not renewed: ${detail}.`);
  }
  const [existing] = await tx.select().from(payment).where(eq(payment.externalPaymentId, invoiceId)).limit(1);
  if (existing && (existing.provider !== "stripe" || existing.teamId !== sub.teamId)) {
    await finish("rejected", `invoice ${invoiceId} is already the external id of payment ${existing.id} of another team or provider`);
    return refused("payment_mismatch", `Pro was not renewed: invoice ${invoiceId} belongs to another payment.`);
  }
  await tx
    .insert(payment)
    .values({
      id: newId("pay"),
      teamId: sub.teamId,
      externalPaymentId: invoiceId,
      provider: "stripe",
      purpose: "plan_upgrade",
      amountMinor: priceMinor,
      currency: teamCurrency,
      paymentMethod: "credit_card",
      status: "pending",
      metadata: {
        description: `Servelink Pro renewal (${pro.periodDays} days), billed to the card`,
        plan_upgrade: true,
        new_plan: "pay_as_you_go",
        auto_renew: true,
        // The receipt quotes Stripe's own invoice number (spec 16).
        ...(invoice.number ? { stripe_invoice_number: invoice.number } : {}),
      },
    })
    .onConflictDoNothing({ target: payment.externalPaymentId });
  const result = await applyPaymentUpdateInTransaction(
    tx,
    { externalPaymentId: invoiceId, provider: "stripe" },
    { status: "completed", amountMinor: invoice.amount_paid, currency, transactionId: invoiceId, source: "stripe" },
  );
  if (linked) await setStripeStatus(tx, sub, "active", at);
  return settleWebhookUpdate(result, finish, invoiceId);
}

/** A renewal the card could not pay: the subscription is past due and the team is told (Stripe retries). */
async function onInvoiceFailed(tx: Db, invoice: Stripe.Invoice, at: Date, finish: TFinish): Promise<TWebhookOutcome> {
  const { subscriptionId, sub } = await teamOfInvoice(tx, invoice, { byMetadata: false });
  if (!sub) return ignore(finish, noTeam(subscriptionId, invoice));
  const before = sub.stripeSubscriptionStatus;
  if (!(await setStripeStatus(tx, sub, "past_due", at))) {
    await finish("processed", `stays ${before} (cancelled, already past due, or a newer event was applied)`);
    return accepted("unchanged");
  }
  await writeNotifications(
    tx,
    [
      {
        teamId: sub.teamId,
        ...notificationOf("payment.failed", {
          variant: "card_renewal",
          amount_minor: invoice.amount_due,
          currency: invoice.currency.toUpperCase(),
          invoice_id: invoice.id ?? undefined,
        }),
      },
    ],
    { now: clock.now() },
  );
  await finish("processed", `${before} → past_due`);
  return accepted("applied", sub.teamId);
}

/** Stripe's subscription status (and a cancellation planned at the period end) in our terms. */
function stripeStatusOf(s: Stripe.Subscription, deleted: boolean): TStripeStatus | null {
  if (deleted) return "cancelled";
  switch (s.status) {
    case "active":
    case "trialing":
      return s.cancel_at_period_end || s.cancel_at ? "ending" : "active";
    case "past_due":
    case "unpaid":
    case "incomplete":
    case "paused":
      return "past_due";
    case "canceled":
    case "incomplete_expired":
      return "cancelled";
    default:
      return null;
  }
}

/**
 * Moves the team's Stripe subscription (its row locked) to `status` for a change made `at`, and
 * when its renewals stop (ending, cancelled) tells the team. The webhook and the REST path that
 * stops the renewal (DELETE /api/stripe/subscription) both come through here, so the notice is
 * written once, by whichever is first. Answers whether it moved.
 */
export async function moveStripeSubscription(tx: Db, sub: TTeamSubscription, status: TStripeStatus, at: Date): Promise<boolean> {
  if (!(await setStripeStatus(tx, sub, status, at))) return false;
  if (status === "cancelled" || status === "ending") {
    await writeNotifications(
      tx,
      [
        {
          teamId: sub.teamId,
          ...notificationOf("plan.card_billing_stopped", {
            subscription_id: sub.stripeSubscriptionId ?? undefined,
            status,
            period_end: sub.currentPeriodEnd?.toISOString() ?? null,
          }),
        },
      ],
      { now: clock.now() },
    );
  }
  return true;
}

/** The subscription's state follows Stripe's; a deleted one stops renewing (Pro runs to its end). */
async function onSubscriptionChanged(tx: Db, deleted: boolean, s: Stripe.Subscription, at: Date, finish: TFinish): Promise<TWebhookOutcome> {
  const sub = await teamBilledBy(tx, s.id);
  if (!sub) return ignore(finish, `no team is billed by subscription ${s.id}`);
  const status = stripeStatusOf(s, deleted);
  const before = sub.stripeSubscriptionStatus;
  if (!status || !(await moveStripeSubscription(tx, sub, status, at))) {
    await finish("processed", `stays ${before}${status && status !== before ? ` (not ${status}: cancelled, or a newer event was applied)` : ""}`);
    return accepted("unchanged");
  }
  await finish("processed", `${before} → ${status}`);
  return accepted("applied", sub.teamId);
}
