// Stripe as the card provider (spec 7.5, issue #9). Stripe's API servers cannot be reached from
// here: the outgoing calls go to a local stand-in (test/stripe-standin.ts) through the official
// `stripe` package's host/port/protocol options, and the tests check the requests the package sent.
// The webhooks are signed with the package's own `generateTestHeaderString` and travel over HTTP.
import { type TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam, TEST_PAYER } from "../../../../test/fixtures";
import { TEST_WEBHOOK_SECRET, signBackendWebhook, startPaymentServer } from "../../../../test/payment-harness";
import {
  TEST_STRIPE_SECRET_KEY,
  TEST_STRIPE_WEBHOOK_SECRET,
  signStripeEvent,
  startStripeStandIn,
  stripeEvent,
  type TStripeStandIn,
} from "../../../../test/stripe-standin";
import { PLANS } from "@/lib/plans";
import type { DbHandle } from "@/server/db/client";
import { additionalResource, balanceEntry, notification, payment, teamMember, teamSubscription, webhookEvent } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { createStripeClient, stripeProvider } from "@/server/integrations/stripe";
import { expireResources, reconcilePendingPayments } from "@/server/services/enforcement/expiry";
import type { TPaymentContext } from "./payments";
import { sandboxDecide } from "./sandbox-backend";
import { createMailer, type TMailer } from "@/server/integrations/mailer";
import { emailPaymentNotices } from "@/server/services/notifications/notifications";
import { startSmtpServer } from "../../../../test/smtp";
import { clock } from "@/lib/clock";

const DAY = 86_400_000;
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let stripe: TStripeStandIn;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
let ctx: TPaymentContext;
let testMailer: TMailer | null = null;
const callerFor = (user: TSessionUser, payments: TPaymentContext = ctx) => createCaller(createContextInner({ db: h.db, user, payments: () => payments }));

beforeAll(async () => {
  h = await openTestDb(10);
  stripe = await startStripeStandIn();
  const client = createStripeClient({ secretKey: TEST_STRIPE_SECRET_KEY, apiUrl: stripe.url });
  // Webhooks are followed up as the app does it (the notice e-mailed), with the mailer a test sets.
  srv = await startPaymentServer(h.db, { stripe: { webhookSecret: TEST_STRIPE_WEBHOOK_SECRET }, followUp: { mailer: () => testMailer } });
  ctx = { ...srv.context, stripe: stripeProvider(client) };
});
afterAll(async () => {
  await srv.close();
  await stripe.close();
  await h.close();
});

async function deliver(event: object, opts: { secret?: string; tamper?: (payload: string) => string } = {}) {
  const signed = signStripeEvent(event, opts.secret);
  const res = await fetch(`${srv.baseUrl}/api/stripe/webhook`, {
    method: "POST",
    headers: signed.headers,
    body: opts.tamper ? opts.tamper(signed.payload) : signed.payload,
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string; error?: { code: string; message: string } } };
}

const subscriptionOf = async (teamId: string) => (await h.db.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)))[0]!;
const paymentOf = async (id: string) => (await h.db.select().from(payment).where(eq(payment.id, id)))[0]!;
const eventRow = async (id: string) =>
  (
    await h.db
      .select()
      .from(webhookEvent)
      .where(and(eq(webhookEvent.provider, "stripe"), eq(webhookEvent.id, id)))
  )[0];
const lastRequest = (path: string) => [...stripe.requests].reverse().find((r) => r.path === path)!;

/** A Free team whose owner starts a card payment for Pro through Checkout. */
async function startCardUpgrade(opts: { autoRenew?: boolean } = {}) {
  const fixture = await insertTeam(h);
  const view = await callerFor(fixture.owner).payments.initiate({ team: fixture.team.slug, payment_method: "credit_card", auto_renew: opts.autoRenew });
  return { ...fixture, view, sessionId: view.external_payment_id! };
}

describe("card payments through Stripe Checkout", () => {
  it("open a Checkout Session with our amount, currency, payment id and Billing URLs, and send the browser there", async () => {
    const { team, view, sessionId } = await startCardUpgrade();
    expect(view).toMatchObject({ provider: "stripe", status: "pending", amount_minor: 300, currency: "EUR", payment_method: "credit_card", qr_code: null });
    expect(view.payment_url).toBe(`${stripe.url}/checkout/${sessionId}`);

    const sent = lastRequest("/v1/checkout/sessions");
    expect(sent.method).toBe("POST");
    expect(sent.headers.authorization).toBe(`Bearer ${TEST_STRIPE_SECRET_KEY}`);
    expect(sent.headers["idempotency-key"]).toBe(`checkout-${view.id}`);
    const billing = `${srv.baseUrl}/teams/${team.slug}/billing?payment=${view.id}`;
    expect(sent.params).toMatchObject({
      mode: "payment",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][unit_amount]": String(PLANS.pay_as_you_go.priceMinor),
      "line_items[0][price_data][currency]": "eur",
      "metadata[payment_id]": view.id,
      "metadata[team_id]": team.id,
      "metadata[purpose]": "plan_upgrade",
      client_reference_id: view.id,
      success_url: billing,
      cancel_url: billing,
      customer: (await subscriptionOf(team.id)).stripeCustomerId,
      "payment_intent_data[metadata][payment_id]": view.id,
    });
    // The team's customer was created first, under an idempotency key of the team and what was sent.
    const created = lastRequest("/v1/customers");
    expect(created.headers["idempotency-key"]).toMatch(new RegExp(`^customer-${team.id}-[0-9a-f]{16}$`));
    expect(created.params).toMatchObject({ "metadata[team_id]": team.id, "metadata[team_slug]": team.slug });
    expect(sent.params.customer).toMatch(/^cus_/);
    // Stripe reads expires_at with its own (real) clock, whatever the console's clock says.
    expect(Number(sent.params.expires_at) * 1000).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect((await paymentOf(view.id)).provider).toBe("stripe");
  });

  it("a client amount other than Pro's price is refused before Stripe is asked", async () => {
    const { team, owner } = await insertTeam(h);
    const before = stripe.requests.length;
    const err = await callerFor(owner)
      .payments.initiate({ team: team.slug, payment_method: "credit_card", amount: 1 })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect(stripe.requests.length).toBe(before);
  });

  it("Mobile Money stays with the payment backend while Stripe is on", async () => {
    const { team, owner } = await insertTeam(h);
    const before = stripe.requests.length;
    const view = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    expect(view.provider).toBe("payment_backend");
    expect(view.payment_url).toContain(`${srv.baseUrl}/sandbox/pay/`);
    expect(stripe.requests.length).toBe(before);
  });

  it("without STRIPE_SECRET_KEY cards go to the backend and nothing about Stripe shows", async () => {
    const { team, owner } = await insertTeam(h);
    const noStripe = { ...ctx, stripe: null };
    const caller = callerFor(owner, noStripe);
    expect((await caller.payments.initiate({ team: team.slug, payment_method: "credit_card" })).provider).toBe("payment_backend");
    expect(await caller.payments.cardBilling({ team: team.slug })).toEqual({ enabled: false, has_customer: false, subscription: null });
    expect(((await caller.payments.portal({ team: team.slug }).catch((e: unknown) => e)) as TRPCError).code).toBe("NOT_FOUND");
    const err = await caller.payments.initiate({ team: team.slug, payment_method: "credit_card", auto_renew: true }).catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("a valid checkout.session.completed upgrades the team through the status machine; a replay changes nothing", async () => {
    const { team, view, sessionId } = await startCardUpgrade();
    const event = stripe.complete(sessionId);

    const first = await deliver(event);
    expect(first).toEqual({ status: 200, body: { received: true, outcome: "applied" } });
    const paid = await paymentOf(view.id);
    expect(paid.status).toBe("completed");
    expect(paid.metadata).toMatchObject({ transaction_id: (event.data.object as Stripe.Checkout.Session).payment_intent, last_update_source: "stripe" });
    const sub = await subscriptionOf(team.id);
    expect(sub.planId).toBe("pay_as_you_go");
    expect(Math.abs(sub.currentPeriodEnd!.getTime() - (clock.nowMs() + 30 * DAY))).toBeLessThan(60_000);
    expect(sub.stripeCustomerId).toBe((event.data.object as Stripe.Checkout.Session).customer);
    expect(sub.stripeSubscriptionId).toBeNull();
    expect(await eventRow(event.id)).toMatchObject({ type: "checkout.session.completed", outcome: "processed", paymentId: view.id, deliveryCount: 1 });
    const notes = await h.db.select().from(notification).where(eq(notification.teamId, team.id));
    expect(notes.map((n) => n.kind)).toEqual(["payment.completed"]);

    const replay = await deliver(event);
    expect(replay).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
    expect((await subscriptionOf(team.id)).currentPeriodEnd).toEqual(sub.currentPeriodEnd);
    expect(await eventRow(event.id)).toMatchObject({ deliveryCount: 2, outcome: "processed" });
    expect(await h.db.select().from(notification).where(eq(notification.teamId, team.id))).toHaveLength(1);
  });

  it("a bad signature gets 400 and nothing is recorded or changed", async () => {
    const { view, sessionId } = await startCardUpgrade();
    const event = stripe.complete(sessionId);
    const wrongSecret = await deliver(event, { secret: "whsec_someone_else" });
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error?.code).toBe("invalid_signature");
    const tampered = await deliver(event, { tamper: (p) => p.replace('"amount_total":300', '"amount_total":1') });
    expect(tampered.status).toBe(400);
    const unsigned = await fetch(`${srv.baseUrl}/api/stripe/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(400);
    expect(await eventRow(event.id)).toBeUndefined();
    expect((await paymentOf(view.id)).status).toBe("pending");
  });

  it("an amount or currency other than the payment's leaves it untouched (422, recorded as rejected)", async () => {
    const { team, view, sessionId } = await startCardUpgrade();
    const cheap = stripe.complete(sessionId, { amountTotal: 100 });
    const res = await deliver(cheap);
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toContain("amount 1.00 EUR differs from 3.00 EUR");
    expect((await paymentOf(view.id)).status).toBe("pending");
    expect((await subscriptionOf(team.id)).planId).toBe("free");
    expect(await eventRow(cheap.id)).toMatchObject({ outcome: "rejected", paymentId: view.id });

    const dollars = stripeEvent("checkout.session.completed", { ...(cheap.data.object as object), amount_total: 300, currency: "usd" });
    expect((await deliver(dollars)).status).toBe(422);
    expect((await paymentOf(view.id)).status).toBe("pending");
  });

  it("an event type we do not use answers 200 and is recorded as ignored; so is a Checkout that is not ours", async () => {
    const other = stripeEvent("charge.refunded", { id: "ch_test_1", object: "charge", amount: 300 });
    expect(await deliver(other)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect(await eventRow(other.id)).toMatchObject({ type: "charge.refunded", outcome: "ignored" });

    const foreign = stripeEvent("checkout.session.completed", {
      id: "cs_test_foreign",
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      amount_total: 300,
      currency: "eur",
      metadata: {},
    });
    expect(await deliver(foreign)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect(await eventRow(foreign.id)).toMatchObject({ outcome: "ignored" });
  });

  it("a Servelink Checkout we have no payment for is a 404, recorded", async () => {
    const ghost = stripeEvent("checkout.session.completed", {
      id: "cs_test_ghost",
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      amount_total: 300,
      currency: "eur",
      metadata: { payment_id: "pay_nobody" },
    });
    expect((await deliver(ghost)).status).toBe(404);
    expect(await eventRow(ghost.id)).toMatchObject({ outcome: "unknown_payment" });
  });

  it("the status check completes a paid session whose webhook was lost, and cancel expires an open session", async () => {
    const { team, owner, view, sessionId } = await startCardUpgrade();
    stripe.complete(sessionId);
    const status = await callerFor(owner).payments.status({ paymentId: view.id });
    expect(status).toMatchObject({ status: "completed", backend_error: null });
    expect(lastRequest(`/v1/checkout/sessions/${sessionId}`).method).toBe("GET");
    expect((await subscriptionOf(team.id)).planId).toBe("pay_as_you_go");

    const second = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card" });
    expect(lastRequest("/v1/checkout/sessions").params.customer).toBe((await subscriptionOf(team.id)).stripeCustomerId);
    expect(lastRequest("/v1/checkout/sessions").params.customer_creation).toBeUndefined();
    const cancelled = await callerFor(owner).payments.cancel({ paymentId: second.id });
    expect(cancelled.status).toBe("cancelled");
    expect(lastRequest(`/v1/checkout/sessions/${second.external_payment_id}/expire`).method).toBe("POST");
    expect(stripe.sessions.get(second.external_payment_id!)!.status).toBe("expired");
  });

  it("cancelling a session already paid at Stripe answers 409 and completes the payment instead", async () => {
    const { team, owner, view, sessionId } = await startCardUpgrade();
    stripe.complete(sessionId);
    const err = await callerFor(owner)
      .payments.cancel({ paymentId: view.id })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("CONFLICT");
    expect((err as TRPCError).message).toBe("The payment could not be cancelled: it is completed.");
    expect((await paymentOf(view.id)).status).toBe("completed");
    expect((await subscriptionOf(team.id)).planId).toBe("pay_as_you_go");
    expect((await subscriptionOf(team.id)).stripeCustomerId).toBe(stripe.sessions.get(sessionId)!.customer);
  });

  it("nightly reconciliation asks Stripe about card payments pending for more than 10 minutes", async () => {
    const { team, view, sessionId } = await startCardUpgrade();
    await h.db
      .update(payment)
      .set({ createdAt: new Date(clock.nowMs() - 20 * 60_000) })
      .where(eq(payment.id, view.id));
    stripe.complete(sessionId);
    const result = await reconcilePendingPayments(h.db, ctx);
    expect(result.errors.filter((e) => e.startsWith(view.id))).toEqual([]); // other files share the database
    expect((await paymentOf(view.id)).status).toBe("completed");
    expect((await paymentOf(view.id)).metadata.last_update_source).toBe("reconciliation");
    expect((await subscriptionOf(team.id)).planId).toBe("pay_as_you_go");
  });

  it("an add-on bought by card is a Checkout of quantity × price that activates the add-on on completion", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const bought = await callerFor(owner).addons.purchase({ team: team.slug, resource_type: "storage", quantity: 3, payment_method: "credit_card" });
    const sent = lastRequest("/v1/checkout/sessions");
    expect(sent.params).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": String(bought.amount * 100),
      "metadata[payment_id]": bought.payment_id,
      "metadata[purpose]": "addon_purchase",
      success_url: `${srv.baseUrl}/teams/${team.slug}/addons?payment=${bought.payment_id}`,
    });
    const sessionId = (await paymentOf(bought.payment_id)).externalPaymentId!;
    expect((await deliver(stripe.complete(sessionId))).status).toBe(200);
    const [r] = await h.db.select().from(additionalResource).where(eq(additionalResource.id, bought.resource_id));
    expect(r!.status).toBe("active");
  });
});

describe("a top-up of the prepaid balance by card (spec 15)", () => {
  it("is a one-off Checkout of the chosen amount whose completion adds one top_up entry, whatever Stripe replays", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const started = await callerFor(owner).payments.initiate({ team: team.slug, purpose: "top_up", amount: 12.5, payment_method: "credit_card" });
    expect(started).toMatchObject({ provider: "stripe", purpose: "top_up", status: "pending", amount: 12.5 });
    expect(lastRequest("/v1/checkout/sessions").params).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "1250",
      "metadata[purpose]": "top_up",
      success_url: `${srv.baseUrl}/teams/${team.slug}/billing?payment=${started.id}`,
    });
    const event = stripe.complete((await paymentOf(started.id)).externalPaymentId!);
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(event)).body).toMatchObject({ outcome: "duplicate" });
    const entries = await h.db.select().from(balanceEntry).where(eq(balanceEntry.teamId, team.id));
    expect(entries.map((e) => [e.kind, e.amountMinor, e.balanceAfterMinor, e.paymentId])).toEqual([["top_up", 1250, 1250, started.id]]);
    expect((await callerFor(owner).balance.get({ team: team.slug })).balance).toBe(12.5);
  });
});

describe("Pro billed as a Stripe subscription", () => {
  it("auto_renew opens a subscription Checkout; renewal invoices add 30 days each; failures and cancellation follow Stripe", async () => {
    const { team, owner, view, sessionId } = await startCardUpgrade({ autoRenew: true });
    expect(lastRequest("/v1/checkout/sessions").params).toMatchObject({
      mode: "subscription",
      "line_items[0][price_data][recurring][interval]": "day",
      "line_items[0][price_data][recurring][interval_count]": "30",
      "subscription_data[metadata][payment_id]": view.id,
    });
    const completed = stripe.complete(sessionId);
    expect((await deliver(completed)).body.outcome).toBe("applied");
    const session = completed.data.object as Stripe.Checkout.Session;
    let sub = await subscriptionOf(team.id);
    expect(sub).toMatchObject({
      planId: "pay_as_you_go",
      stripeSubscriptionStatus: "active",
      stripeSubscriptionId: session.subscription,
      stripeCustomerId: session.customer,
    });
    const firstEnd = sub.currentPeriodEnd!.getTime();

    const again = await callerFor(owner)
      .payments.initiate({ team: team.slug, payment_method: "credit_card", auto_renew: true })
      .catch((e: unknown) => e);
    expect((again as TRPCError).code).toBe("CONFLICT");

    const invoice = (id: string, reason: string, amount = 300) => ({
      id,
      object: "invoice",
      billing_reason: reason,
      amount_paid: amount,
      amount_due: amount,
      currency: "eur",
      customer: session.customer,
      parent: { type: "subscription_details", subscription_details: { subscription: session.subscription, metadata: {} } },
    });
    // The first invoice was paid through the Checkout Session: no second 30 days.
    expect((await deliver(stripeEvent("invoice.payment_succeeded", invoice("in_first", "subscription_create")))).body.outcome).toBe("unchanged");
    expect((await subscriptionOf(team.id)).currentPeriodEnd!.getTime()).toBe(firstEnd);

    const renewal = stripeEvent("invoice.payment_succeeded", invoice("in_cycle_1", "subscription_cycle"));
    expect((await deliver(renewal)).body.outcome).toBe("applied");
    sub = await subscriptionOf(team.id);
    expect(sub.currentPeriodEnd!.getTime() - firstEnd).toBe(30 * DAY);
    const [renewed] = await h.db.select().from(payment).where(eq(payment.externalPaymentId, "in_cycle_1"));
    expect(renewed).toMatchObject({ teamId: team.id, provider: "stripe", purpose: "plan_upgrade", status: "completed", amountMinor: 300 });
    expect((await deliver(renewal)).body.outcome).toBe("duplicate");
    expect((await subscriptionOf(team.id)).currentPeriodEnd!.getTime() - firstEnd).toBe(30 * DAY);

    const short = await deliver(stripeEvent("invoice.payment_succeeded", invoice("in_cycle_2", "subscription_cycle", 150)));
    expect(short.status).toBe(422);
    expect(await h.db.select().from(payment).where(eq(payment.externalPaymentId, "in_cycle_2"))).toHaveLength(0);

    expect((await deliver(stripeEvent("invoice.payment_failed", invoice("in_cycle_3", "subscription_cycle")))).body.outcome).toBe("applied");
    expect((await subscriptionOf(team.id)).stripeSubscriptionStatus).toBe("past_due");
    expect((await callerFor(owner).payments.cardBilling({ team: team.slug })).subscription).toEqual({ status: "past_due" });

    const updated = stripeEvent("customer.subscription.updated", {
      id: session.subscription,
      object: "subscription",
      status: "active",
      customer: session.customer,
    });
    expect((await deliver(updated)).body.outcome).toBe("applied");
    expect((await subscriptionOf(team.id)).stripeSubscriptionStatus).toBe("active");

    const deleted = stripeEvent("customer.subscription.deleted", {
      id: session.subscription,
      object: "subscription",
      status: "canceled",
      customer: session.customer,
    });
    expect((await deliver(deleted)).body.outcome).toBe("applied");
    sub = await subscriptionOf(team.id);
    expect(sub).toMatchObject({ stripeSubscriptionStatus: "cancelled", planId: "pay_as_you_go" });
    const kinds = (await h.db.select().from(notification).where(eq(notification.teamId, team.id))).map((n) => n.kind).sort();
    // Two completed payments, the renewal charged at the wrong amount, the failed card charge, the end.
    expect(kinds).toEqual(["payment.completed", "payment.completed", "payment.failed", "payment.failed", "plan.card_billing_stopped"]);

    // Stripe never revives a cancelled subscription: a late "active" changes nothing.
    const late = stripeEvent(
      "customer.subscription.updated",
      { id: session.subscription, object: "subscription", status: "active" },
      { created: new Date(clock.nowMs() - 60_000) },
    );
    expect((await deliver(late)).body.outcome).toBe("unchanged");
    expect((await subscriptionOf(team.id)).stripeSubscriptionStatus).toBe("cancelled");
    // Paying Pro another way afterwards does not bring the card renewal back; a new one may be set up.
    const momo = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER });
    const paid = await sandboxDecide(h.db, { id: momo.external_payment_id!, outcome: "completed", webhookSecret: TEST_WEBHOOK_SECRET });
    expect(paid.delivered).toBe(true);
    expect((await paymentOf(momo.id)).status).toBe("completed");
    expect((await callerFor(owner).payments.cardBilling({ team: team.slug })).subscription).toEqual({ status: "cancelled" });
    const renewAgain = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card", auto_renew: true });
    expect(renewAgain.status).toBe("pending");

    // Another team's subscription id is not ours: ignored.
    const stranger = stripeEvent("customer.subscription.deleted", { id: "sub_unknown", object: "subscription", status: "canceled" });
    expect((await deliver(stranger)).body.outcome).toBe("ignored");
  });
});

describe("payment notices by e-mail (spec 7.1), through a real SMTP server", () => {
  it("a card payment completed by Stripe's webhook is e-mailed to the owners and admins, once", async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer(smtp.url)!;
    testMailer = mailer;
    try {
      const { team, owner, sessionId } = await startCardUpgrade();
      const member = await insertUser(h);
      await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
      const event = stripe.complete(sessionId);
      expect((await deliver(event)).body.outcome).toBe("applied");
      await srv.idle();
      // The notice, and the receipt with its PDF (spec 16), to the owner only.
      expect(smtp.received).toHaveLength(2);
      const notice = smtp.received.find((m) => m.subject.startsWith("[Servelink] Payment received"))!;
      expect(notice.to).toEqual([owner.email]);
      expect(notice.subject).toBe("[Servelink] Payment received: Pro is active");
      expect(notice.text).toContain("We received €3.00.");
      const receipt = smtp.received.find((m) => m !== notice)!;
      expect(receipt.to).toEqual([owner.email]);
      expect(receipt.subject).toMatch(/^\[Servelink\] Receipt SL-\d{4}-\d{6}$/);
      // Stripe delivers the event again: nothing is applied or e-mailed a second time.
      expect((await deliver(event)).body.outcome).toBe("duplicate");
      await srv.idle();
      expect(await emailPaymentNotices(h.db, mailer, team.id)).toBe(0);
      expect(smtp.received).toHaveLength(2);

      // Completed by the nightly reconciliation instead: e-mailed by it.
      const late = await startCardUpgrade();
      await h.db
        .update(payment)
        .set({ createdAt: new Date(clock.nowMs() - 20 * 60_000) })
        .where(eq(payment.id, late.view.id));
      stripe.complete(late.sessionId);
      await reconcilePendingPayments(h.db, ctx, clock.now(), mailer);
      expect(smtp.received.map((m) => m.to[0])).toContain(late.owner.email);
    } finally {
      testMailer = null;
      await smtp.close();
    }
  });
});

describe("Stripe's events out of order, and at the period end", () => {
  async function renewingTeam() {
    const started = await startCardUpgrade({ autoRenew: true });
    const session = stripe.complete(started.sessionId).data.object as Stripe.Checkout.Session;
    await deliver(stripeEvent("checkout.session.completed", session));
    return { ...started, subscriptionId: session.subscription as string, customer: session.customer as string };
  }
  const invoice = (id: string, subscriptionId: string, teamId?: string) => ({
    id,
    object: "invoice",
    billing_reason: "subscription_cycle",
    amount_paid: 300,
    amount_due: 300,
    currency: "eur",
    parent: { type: "subscription_details", subscription_details: { subscription: subscriptionId, metadata: teamId ? { team_id: teamId } : {} } },
  });

  it("an older event arriving after a newer one changes nothing", async () => {
    const { team, subscriptionId } = await renewingTeam();
    const now = clock.nowMs();
    const recovered = stripeEvent(
      "customer.subscription.updated",
      { id: subscriptionId, object: "subscription", status: "active" },
      { created: new Date(now + 2000) },
    );
    const staleFailure = stripeEvent("invoice.payment_failed", invoice("in_stale", subscriptionId), { created: new Date(now + 1000) });
    expect(
      (
        await deliver(
          stripeEvent("customer.subscription.updated", { id: subscriptionId, object: "subscription", status: "past_due" }, { created: new Date(now) }),
        )
      ).body.outcome,
    ).toBe("applied");
    expect((await deliver(recovered)).body.outcome).toBe("applied");
    expect((await deliver(staleFailure)).body.outcome).toBe("unchanged");
    expect((await subscriptionOf(team.id)).stripeSubscriptionStatus).toBe("active");
  });

  it("a Pro renewing by card gets two days past its period end for the invoice; an ending one lapses on time", async () => {
    const renewing = await renewingTeam();
    const ending = await renewingTeam();
    await deliver(
      stripeEvent(
        "customer.subscription.updated",
        { id: ending.subscriptionId, object: "subscription", status: "active", cancel_at: 1 },
        { created: new Date(clock.nowMs() + 1000) },
      ),
    );
    // The periods are moved into the past (not the clock forward: other files share the database).
    const setEnd = (teamId: string, at: number) =>
      h.db
        .update(teamSubscription)
        .set({ currentPeriodEnd: new Date(at) })
        .where(eq(teamSubscription.teamId, teamId));
    await setEnd(renewing.team.id, clock.nowMs() - DAY);
    await setEnd(ending.team.id, clock.nowMs() - DAY);
    await expireResources(h.db, {});
    expect((await subscriptionOf(renewing.team.id)).planId).toBe("pay_as_you_go");
    expect((await subscriptionOf(ending.team.id)).planId).toBe("free");
    await setEnd(renewing.team.id, clock.nowMs() - 2 * DAY - 60_000);
    await expireResources(h.db, {});
    expect((await subscriptionOf(renewing.team.id)).planId).toBe("free");
  });

  it("a renewal cancelled for the period end shows as ending and lets the Pro reminders go out", async () => {
    const { team, owner, subscriptionId } = await renewingTeam();
    const ending = stripeEvent(
      "customer.subscription.updated",
      { id: subscriptionId, object: "subscription", status: "active", cancel_at_period_end: true },
      { created: new Date(clock.nowMs() + 1000) },
    );
    expect((await deliver(ending)).body.outcome).toBe("applied");
    expect((await callerFor(owner).payments.cardBilling({ team: team.slug })).subscription).toEqual({ status: "ending" });
    const notes = await h.db
      .select()
      .from(notification)
      .where(and(eq(notification.teamId, team.id), eq(notification.kind, "plan.card_billing_stopped")));
    expect(notes.map((n) => n.title)).toEqual(["Pro will not renew by card"]);
  });

  it("a paid invoice of a subscription not linked to its team is still credited to the team named in its metadata", async () => {
    const { team } = await renewingTeam();
    const before = (await subscriptionOf(team.id)).currentPeriodEnd!.getTime();
    expect((await deliver(stripeEvent("invoice.payment_succeeded", invoice("in_orphan_1", "sub_test_second", team.id)))).body.outcome).toBe("applied");
    expect((await subscriptionOf(team.id)).currentPeriodEnd!.getTime() - before).toBe(30 * DAY);
    expect((await deliver(stripeEvent("invoice.payment_succeeded", invoice("in_orphan_2", "sub_test_nobody")))).body.outcome).toBe("ignored");
  });

  it("the backend's webhook cannot touch a Stripe payment, even knowing its Checkout Session id", async () => {
    const { view, sessionId } = await startCardUpgrade();
    const d = signBackendWebhook({ type: "payment.updated", data: { external_payment_id: sessionId, status: "completed", amount: 3, currency: "EUR" } });
    const res = await fetch(srv.callbackUrl, { method: "POST", headers: d.headers, body: d.payload });
    expect(res.status).toBe(404);
    expect((await paymentOf(view.id)).status).toBe("pending");
  });

  it("two starts of a renewal at once give one payment and one Checkout page", async () => {
    const { team, owner } = await insertTeam(h);
    const [a, b] = await Promise.all(
      [0, 1].map(() => callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card", auto_renew: true })),
    );
    expect(a!.id).toBe(b!.id);
    const rows = await h.db.select().from(payment).where(eq(payment.teamId, team.id));
    expect(rows).toHaveLength(1);
    expect(stripe.requests.filter((r) => r.path === "/v1/checkout/sessions" && r.params["metadata[team_id]"] === team.id)).toHaveLength(1);
  });
});

describe("one Stripe customer per team", () => {
  it("two card payments opened at the same moment by a team without a customer share one customer", async () => {
    const { team, owner } = await insertTeam(h, { plan: "pay_as_you_go" });
    const before = stripe.requests.length;
    // An upgrade paid once and one that renews are two Checkouts, started together (two tabs).
    const [once, renewing] = await Promise.all([
      callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card" }),
      callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card", auto_renew: true }),
    ]);
    expect(once.id).not.toBe(renewing.id);
    const sent = stripe.requests.slice(before);
    // Each start may ask (nothing is locked while Stripe answers), always with the same key: one customer.
    const asked = sent.filter((r) => r.path === "/v1/customers").map((r) => r.headers["idempotency-key"]);
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(new Set(asked).size).toBe(1);
    const customer = (await subscriptionOf(team.id)).stripeCustomerId!;
    expect(customer).toMatch(/^cus_/);
    const checkouts = sent.filter((r) => r.path === "/v1/checkout/sessions");
    expect(checkouts.map((r) => r.params.customer)).toEqual([customer, customer]);

    // Nothing is paid yet: the Billing page does not offer the portal.
    expect(await callerFor(owner).payments.cardBilling({ team: team.slug })).toMatchObject({ has_customer: false });
    await deliver(stripe.complete(once.external_payment_id!));
    expect(await callerFor(owner).payments.cardBilling({ team: team.slug })).toMatchObject({ has_customer: true });
    expect((await subscriptionOf(team.id)).stripeCustomerId).toBe(customer);
  });

  it("a team renamed after a failed attempt asks under another key (Stripe refuses a key reused with other parameters)", async () => {
    const provider = stripeProvider(createStripeClient({ secretKey: TEST_STRIPE_SECRET_KEY, apiUrl: stripe.url }));
    await provider.createCustomer({ id: "team_rename", slug: "acme", name: "Acme" });
    const first = lastRequest("/v1/customers").headers["idempotency-key"];
    const renamed = await provider.createCustomer({ id: "team_rename", slug: "acme", name: "Acme Corp" });
    const second = lastRequest("/v1/customers").headers["idempotency-key"];
    expect(second).not.toBe(first);
    // Asked again the same way (a retry): the same key, so Stripe answers the same customer.
    expect(await provider.createCustomer({ id: "team_rename", slug: "acme", name: "Acme Corp" })).toBe(renamed);
    expect(lastRequest("/v1/customers").headers["idempotency-key"]).toBe(second);
  });

  it("when Stripe refuses to create the customer, the payment fails with a 502 and nothing is kept", async () => {
    const { team, owner } = await insertTeam(h);
    const stopped = await startStripeStandIn();
    await stopped.close(); // a Stripe that cannot be reached
    const unreachable = { ...ctx, stripe: stripeProvider(createStripeClient({ secretKey: TEST_STRIPE_SECRET_KEY, apiUrl: stopped.url, timeoutMs: 2_000 })) };
    const err = await callerFor(owner, unreachable)
      .payments.initiate({ team: team.slug, payment_method: "credit_card" })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_GATEWAY");
    expect((await subscriptionOf(team.id)).stripeCustomerId).toBeNull();
    const [p] = await h.db.select().from(payment).where(eq(payment.teamId, team.id));
    expect(p!.status).toBe("failed");
  });
});

describe("billing portal and stats", () => {
  it("opens a portal session for the team's Stripe customer, back to Billing; only owners and admins, only once there is a customer", async () => {
    const { team, owner } = await insertTeam(h);
    const none = await callerFor(owner)
      .payments.portal({ team: team.slug })
      .catch((e: unknown) => e);
    expect((none as TRPCError).code).toBe("CONFLICT");
    expect(await callerFor(owner).payments.cardBilling({ team: team.slug })).toEqual({ enabled: true, has_customer: false, subscription: null });

    const view = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card" });
    await deliver(stripe.complete(view.external_payment_id!));
    const customer = (await subscriptionOf(team.id)).stripeCustomerId!;
    const portal = await callerFor(owner).payments.portal({ team: team.slug });
    const sent = lastRequest("/v1/billing_portal/sessions");
    expect(sent.params).toEqual({ customer, return_url: `${srv.baseUrl}/teams/${team.slug}/billing` });
    expect(portal.url).toMatch(new RegExp(`^${stripe.url}/portal/bps_`));

    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    expect(
      (
        (await callerFor(member)
          .payments.portal({ team: team.slug })
          .catch((e: unknown) => e)) as TRPCError
      ).code,
    ).toBe("FORBIDDEN");
    const outsider = await insertUser(h);
    expect(
      (
        (await callerFor(outsider)
          .payments.portal({ team: team.slug })
          .catch((e: unknown) => e)) as TRPCError
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("history and stats show the provider of each payment", async () => {
    const { team, owner } = await insertTeam(h);
    const card = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "credit_card" });
    await deliver(stripe.complete(card.external_payment_id!));
    const momo = await callerFor(owner).payments.initiate({ team: team.slug, payment_method: "mobile_money", ...TEST_PAYER });

    const history = await callerFor(owner).payments.history({ team: team.slug });
    expect(history.map((p) => [p.id, p.provider, p.status])).toEqual([
      [momo.id, "payment_backend", "pending"],
      [card.id, "stripe", "completed"],
    ]);
    const stats = await callerFor(owner).payments.stats({ team: team.slug });
    expect(stats.by_provider).toEqual([
      { provider: "payment_backend", currency: "EUR", paid_count: 0, paid_minor: 0, open_count: 1, failed_count: 0, cancelled_count: 0 },
      { provider: "stripe", currency: "EUR", paid_count: 1, paid_minor: 300, open_count: 0, failed_count: 0, cancelled_count: 0 },
    ]);
  });
});
