import { type TGlobalRole } from "@/lib/roles";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { PLANS } from "@/lib/plans";
import type { TInitiatePayment } from "@/lib/schemas/payments";
import { amountProblem, fromMinor, plainAmount, priceOf, toMinor, type TCurrency } from "@/lib/money";
import { topUpBounds, topUpProblem } from "@/lib/balance";
import { payFromBalance } from "@/server/services/payments/balance-payment";
import type { TOperator } from "@/lib/mobile-money";
import type { TPaymentMethod } from "@/lib/payments";
import { getBillingProfile, rememberPayer, type TBillingProfile } from "@/server/services/billing/billing-profile";
import { resolvePayer, type TPayer } from "./payer";
import { MOBILE_MONEY_DEADLINE_MS, CARD_PAGE_DEADLINE_MS } from "@/lib/billing-rules";
import type { Db } from "@/server/db/client";
import { payment, team, teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { TStripeProvider } from "@/server/integrations/stripe";
import { assertTeamRole, getTeamAccess, type TTeamAccess } from "@/server/services/teams/teams";
import { isFinalStatus } from "@/lib/payments";
import { normalisePhone } from "@/lib/phone";
import { applyPaymentUpdate, type TApplyResult, type TPaymentRow } from "./payment-state";
import { toPaymentView, type TPaymentView } from "./payment-view";
import { logError } from "@/server/log";
import type { TPaymentProvider, TPaymentProviderId } from "./provider";
import { clock } from "@/lib/clock";

export interface TPaymentContext {
  /** The payment backend of section 7.2 (real or sandbox): Mobile Money, and cards when Stripe is off. */
  backend: TPaymentProvider;
  /** Stripe (section 7.5), when STRIPE_SECRET_KEY is set: card payments go through Checkout. */
  stripe: TStripeProvider | null;
  /** The app's public address, without a trailing slash. */
  baseUrl: string;
  /** Where the payer comes back: the team's Billing page, or its Add-ons page for an add-on. */
  returnUrl: (teamSlug: string, paymentId: string, purpose: TPaymentRow["purpose"]) => string;
  /**
   * Told when a payment was started with its provider (spec 14.3): the app sends `payment/initiated`
   * after the answer, for `reconcile-payment`. Never awaited, never on the request's path.
   */
  announceInitiated?: (event: TPaymentInitiatedEvent) => void;
}

/** The data of the `payment/initiated` event. */
export interface TPaymentInitiatedEvent {
  payment_id: string;
  team_id: string;
  /** ISO time: when it was started with its provider. */
  initiated_at: string;
  /** ISO time: the payment's deadline. */
  expires_at: string;
}

/** Which provider takes a new payment: cards go to Stripe when it is configured, everything else to the backend. */
export function providerFor(ctx: TPaymentContext, method: TPaymentRow["paymentMethod"]): TPaymentProvider {
  return method === "credit_card" && ctx.stripe ? ctx.stripe : ctx.backend;
}

/** The provider that runs an existing payment (stored on it). */
export function providerOf(ctx: TPaymentContext, id: TPaymentProviderId): TPaymentProvider {
  if (id === "payment_backend") return ctx.backend;
  if (id === "balance") throw new DomainError("CONFLICT", "This payment was made from the balance; no provider runs it.", { reason: "not_pending" });
  if (!ctx.stripe) {
    throw new DomainError("SERVICE_UNAVAILABLE", "This payment went through Stripe, which is not configured on this server (STRIPE_SECRET_KEY).", {
      reason: "stripe_not_configured",
    });
  }
  return ctx.stripe;
}

export { toPaymentView, type TPaymentView } from "./payment-view";

/** What every new payment of a team starts from: its currency, and the Mobile Money payer when that is the method. */
export interface TPaymentTerms {
  profile: TBillingProfile;
  currency: TCurrency;
  payer: TPayer | null;
}

/**
 * The currency (the team's) and the payer (spec 14.2) of a new payment. A Mobile Money payment
 * without `payer_phone` goes to the number the team paid with last, when it has one.
 */
export async function paymentTermsFor(
  db: Db,
  teamId: string,
  method: TPaymentMethod,
  body: { payer_phone?: string | undefined; operator?: TOperator | undefined },
): Promise<TPaymentTerms> {
  const profile = await getBillingProfile(db, teamId);
  const remembered = method === "mobile_money" && body.payer_phone === undefined && profile.lastPayerPhone !== null;
  const payer = resolvePayer(
    profile,
    method,
    remembered ? { payer_phone: profile.lastPayerPhone!, operator: body.operator ?? profile.lastOperator ?? undefined } : body,
  );
  return { profile, currency: profile.currency, payer };
}

/**
 * A client's amount (major units of the team's currency) checked against the server's: francs
 * with decimals and any other figure are a 400 (the server computes every amount).
 */
export function assertClientAmount(amount: number | undefined, expectedMinor: number, currency: TCurrency, what: string): void {
  if (amount === undefined) return;
  const problem = amountProblem(amount, currency);
  if (problem) throw new DomainError("BAD_REQUEST", `amount: ${problem}.`, { reason: "invalid_amount" });
  if (toMinor(amount, currency) !== expectedMinor) {
    throw new DomainError("BAD_REQUEST", `amount: must be ${plainAmount(expectedMinor, currency)}, the price of ${what} (the server computes it).`, {
      reason: "amount_mismatch",
    });
  }
}

/** A pending payment is answered again this long; Stripe's Checkout pages close just after (STRIPE_CHECKOUT_TTL_MS). */
const REUSE_PENDING_MS = 30 * 60_000;

/**
 * Starts the Pro upgrade payment. The amount is the server's (Pro: 3.00 EUR); a client amount that
 * differs is a 400. The payment is written `pending` before the provider is called; when the
 * provider fails, the payment becomes `failed` with the reason and the caller gets 502. A pending
 * upgrade started in the last 30 minutes the same way is answered again instead of opening a
 * second one (a double click never makes two charges to pay). With Stripe, `auto_renew` bills Pro
 * to the card every 30 days (a Stripe subscription) until it is cancelled in the billing portal.
 */
export async function initiatePayment(
  db: Db,
  ctx: TPaymentContext,
  input: { access: TTeamAccess; userId: string; body: TInitiatePayment },
): Promise<TPaymentView> {
  assertTeamRole(input.access, "admin", "make payments");
  const pro = PLANS.pay_as_you_go;
  const purpose = input.body.purpose ?? "plan_upgrade";
  if (input.body.plan_upgrade === false && purpose === "plan_upgrade") {
    throw new DomainError(
      "BAD_REQUEST",
      "plan_upgrade: this path pays for the Pro plan or a top-up (purpose top_up); add-ons are bought from the Add-ons page.",
    );
  }
  const teamId = input.access.team.id;
  const method = input.body.payment_method;
  if (method === "balance") {
    if (purpose === "top_up")
      throw new DomainError("BAD_REQUEST", "payment_method: a top-up is paid by Mobile Money or card, not from the balance.", { reason: "invalid_request" });
    if (input.body.auto_renew) {
      throw new DomainError(
        "BAD_REQUEST",
        "auto_renew: to renew Pro from the balance, switch on its automatic renewal on the Billing page (POST /api/billing/{team}/auto-renew).",
      );
    }
    const { currency } = await getBillingProfile(db, teamId);
    const priceMinor = priceOf("pro", currency);
    assertClientAmount(input.body.amount, priceMinor, currency, "Pro");
    const paid = await payFromBalance(
      db,
      {
        id: newId("pay"),
        teamId,
        createdBy: input.userId,
        purpose: "plan_upgrade",
        amountMinor: priceMinor,
        currency,
        metadata: {
          description: `Servelink Pro for team ${input.access.team.slug} (${pro.periodDays} days), from the balance`,
          plan_upgrade: true,
          new_plan: "pay_as_you_go",
        },
      },
      { what: "Pro" },
    );
    return toPaymentView(paid);
  }
  const terms = await paymentTermsFor(db, teamId, method, input.body);
  const provider = providerFor(ctx, method);
  let amountMinor: number;
  let description: string;
  const autoRenew = input.body.auto_renew === true;
  if (purpose === "top_up") {
    if (input.body.amount === undefined) {
      const b = topUpBounds(terms.currency);
      throw new DomainError(
        "BAD_REQUEST",
        `amount: a top-up names its amount, from ${plainAmount(b.min, terms.currency)} to ${plainAmount(b.max, terms.currency)}.`,
        {
          reason: "top_up_out_of_bounds",
        },
      );
    }
    const problem = amountProblem(input.body.amount, terms.currency);
    if (problem) throw new DomainError("BAD_REQUEST", `amount: ${problem}.`, { reason: "invalid_amount" });
    amountMinor = toMinor(input.body.amount, terms.currency);
    const bounds = topUpProblem(amountMinor, terms.currency);
    if (bounds) {
      const b = topUpBounds(terms.currency);
      throw new DomainError(
        "BAD_REQUEST",
        bounds.reason === "top_up_step"
          ? `amount: a top-up in ${terms.currency} is a multiple of ${b.step} francs.`
          : `amount: a top-up is from ${plainAmount(b.min, terms.currency)} to ${plainAmount(b.max, terms.currency)}.`,
        {
          reason: bounds.reason,
          exposed: { min: fromMinor(b.min, terms.currency), max: fromMinor(b.max, terms.currency), step: fromMinor(b.step, terms.currency) },
        },
      );
    }
    if (autoRenew) throw new DomainError("BAD_REQUEST", "auto_renew: a top-up is paid once; automatic renewal is switched on for Pro and each add-on.");
    description = `Servelink balance top-up for team ${input.access.team.slug}`;
  } else {
    amountMinor = priceOf("pro", terms.currency);
    assertClientAmount(input.body.amount, amountMinor, terms.currency, "Pro");
    if (autoRenew && provider.id !== "stripe") {
      throw new DomainError(
        "BAD_REQUEST",
        "auto_renew: only card payments (payment_method credit_card) renew on their own, and only where cards go through Stripe; send auto_renew false, or pay by card.",
      );
    }
    description = autoRenew
      ? `Servelink Pro for team ${input.access.team.slug}, renewed every ${pro.periodDays} days`
      : `Servelink Pro for team ${input.access.team.slug} (${pro.periodDays} days)`;
  }
  // One start at a time per team (the subscription row is the lock): a double click finds the
  // first payment instead of opening a second page, and two renewals cannot be set up at once.
  const { reused, created } = await db.transaction(async (tx) => {
    const [sub] = await tx.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)).for("update");
    if (autoRenew && sub?.stripeSubscriptionId && (sub.stripeSubscriptionStatus === "active" || sub.stripeSubscriptionStatus === "past_due")) {
      throw new DomainError("CONFLICT", "Pro is already billed to a card every 30 days. Manage it with “Manage card billing” on the Billing page.", {
        reason: "stripe_subscription_active",
      });
    }
    const recent = await tx
      .select()
      .from(payment)
      .where(
        and(
          eq(payment.teamId, teamId),
          eq(payment.purpose, purpose),
          eq(payment.status, "pending"),
          eq(payment.paymentMethod, method),
          eq(payment.provider, provider.id),
          eq(payment.currency, terms.currency),
          eq(payment.amountMinor, amountMinor),
          terms.payer ? eq(payment.payerPhone, terms.payer.phone) : isNull(payment.payerPhone),
          gt(payment.createdAt, new Date(clock.nowMs() - REUSE_PENDING_MS)),
          // A pending payment past its deadline is ending, not one to answer again.
          or(isNull(payment.expiresAt), gt(payment.expiresAt, clock.now())),
        ),
      )
      .orderBy(desc(payment.createdAt))
      .limit(5);
    const same = recent.find((p) => (p.metadata.auto_renew === true) === autoRenew && p.operator === (terms.payer?.operator ?? null));
    if (same) return { reused: same, created: null };
    const [row] = await tx
      .insert(payment)
      .values({
        id: newId("pay"),
        teamId,
        createdBy: input.userId,
        provider: provider.id,
        purpose,
        amountMinor,
        currency: terms.currency,
        paymentMethod: method,
        payerPhone: terms.payer?.phone ?? null,
        operator: terms.payer?.operator ?? null,
        status: "pending",
        metadata:
          purpose === "top_up" ? { description } : { description, plan_upgrade: true, new_plan: "pay_as_you_go", ...(autoRenew ? { auto_renew: true } : {}) },
      })
      .returning();
    return { reused: null, created: row! };
  });
  if (reused) return toPaymentView(reused);
  return startPayment(db, ctx, created!, input.access.team.slug, description);
}

/**
 * Opens the payment page of a pending payment with its provider; on failure the payment becomes
 * failed (502 to the caller).
 */
export async function startPayment(db: Db, ctx: TPaymentContext, p: TPaymentRow, teamSlug: string, description: string): Promise<TPaymentView> {
  const startedAt = clock.now();
  try {
    const provider = providerOf(ctx, p.provider);
    const answer = await provider.start({
      payment: p,
      teamSlug,
      description,
      returnUrl: ctx.returnUrl(teamSlug, p.id, p.purpose),
      stripeCustomerId: provider.id === "stripe" ? await stripeCustomerOf(db, ctx.stripe!, p.teamId, teamSlug) : null,
      recurring: p.metadata.auto_renew === true,
      payer: p.payerPhone && p.operator ? { phone: p.payerPhone, operator: p.operator, country: payerCountry(p.payerPhone) } : null,
      expiresAt: new Date(startedAt.getTime() + defaultDeadlineMs(p.paymentMethod)),
    });
    const [saved] = await db
      .update(payment)
      .set({
        externalPaymentId: answer.externalPaymentId,
        metadata: {
          ...p.metadata,
          payment_url: answer.paymentUrl,
          qr_code: answer.qrCode,
          ...(answer.instructions ? { instructions: answer.instructions } : {}),
        },
        // The deadline (spec 14.3): the provider's, else 10 minutes for Mobile Money and 60 for a card page.
        expiresAt: answer.expiresAt ?? new Date(startedAt.getTime() + defaultDeadlineMs(p.paymentMethod)),
        updatedAt: clock.now(),
      })
      .where(eq(payment.id, p.id))
      .returning();
    if (p.payerPhone && p.operator) await rememberPayer(db, p.teamId, { phone: p.payerPhone, operator: p.operator });
    if (saved && !isFinalStatus(saved.status))
      ctx.announceInitiated?.({ payment_id: p.id, team_id: p.teamId, initiated_at: startedAt.toISOString(), expires_at: deadlineOf(saved).toISOString() });
    if (answer.status !== "pending") {
      const applied = await applyPaymentUpdate(db, p.id, { status: answer.status, source: "initiate" });
      if (applied.outcome === "applied") return toPaymentView(applied.payment);
    }
    return toPaymentView(saved!);
  } catch (err) {
    const reason = err instanceof Error ? err.message : "unknown error";
    await applyPaymentUpdate(db, p.id, { status: "failed", failureReason: reason, source: "initiate" });
    if (err instanceof DomainError) throw err;
    throw new DomainError("BAD_GATEWAY", "The payment could not be started. Try again in a moment.", { reason: "payment_backend_error", cause: err });
  }
}

/**
 * The team's Stripe customer, created with its first card payment. No lock is held while Stripe
 * answers: two payments started at once both ask with the same idempotency key, so Stripe answers
 * both with one customer, and the first to store it wins (the other reads it back).
 */
async function stripeCustomerOf(db: Db, stripe: TStripeProvider, teamId: string, teamSlug: string): Promise<string> {
  const [sub] = await db
    .select({ customer: teamSubscription.stripeCustomerId, name: team.name })
    .from(teamSubscription)
    .innerJoin(team, eq(team.id, teamSubscription.teamId))
    .where(eq(teamSubscription.teamId, teamId))
    .limit(1);
  if (!sub) throw new DomainError("NOT_FOUND", "Team not found.");
  if (sub.customer) return sub.customer;
  const created = await stripe.createCustomer({ id: teamId, slug: teamSlug, name: sub.name });
  const [stored] = await db
    .update(teamSubscription)
    .set({ stripeCustomerId: created, updatedAt: clock.now() })
    .where(and(eq(teamSubscription.teamId, teamId), isNull(teamSubscription.stripeCustomerId)))
    .returning({ customer: teamSubscription.stripeCustomerId });
  if (stored?.customer) return stored.customer;
  const [kept] = await db.select({ customer: teamSubscription.stripeCustomerId }).from(teamSubscription).where(eq(teamSubscription.teamId, teamId)).limit(1);
  return kept?.customer ?? created;
}

/** A payment the caller may see: a member of its team (or staff allowed to see the team); otherwise NOT_FOUND. */
export async function getPaymentForUser(db: Db, input: { paymentId: string; userId: string; globalRole: TGlobalRole }) {
  const [p] = await db.select().from(payment).where(eq(payment.id, input.paymentId)).limit(1);
  if (!p) throw new DomainError("NOT_FOUND", "Payment not found.");
  try {
    return { payment: p, access: await getTeamAccess(db, { teamRef: p.teamId, userId: input.userId, globalRole: input.globalRole }) };
  } catch (err) {
    // Another team's payment looks like no payment; any other failure is not hidden.
    if (err instanceof DomainError && err.code === "NOT_FOUND") throw new DomainError("NOT_FOUND", "Payment not found.");
    throw err;
  }
}

/**
 * Asks the payment's provider for its status and applies the answer through the same status
 * machine as the webhooks (amount and currency checked). Shared by the status check and reconciliation.
 */
export async function syncPaymentWithProvider(
  db: Db,
  ctx: TPaymentContext,
  p: { id: string; provider: TPaymentProviderId; externalPaymentId: string },
  source: "status_check" | "reconciliation",
) {
  const answer = await providerOf(ctx, p.provider).status(p.externalPaymentId);
  return applyPaymentUpdate(db, p.id, { ...answer, source });
}

/** When a payment ends if nothing final came (spec 14.3): its stored deadline, or (rows from before deadlines) its start plus the default. */
export function deadlineOf(p: Pick<TPaymentRow, "expiresAt" | "createdAt" | "paymentMethod">): Date {
  return p.expiresAt ?? new Date(p.createdAt.getTime() + defaultDeadlineMs(p.paymentMethod));
}

/**
 * One check of an open payment (spec 14.3), shared by every status read, the nightly
 * reconciliation and `reconcile-payment`: its provider is asked, through the status machine; when
 * the payment is still not final past its deadline, it ends `failed` with reason `expired` and the
 * provider is asked to cancel it (a refusal is logged: money that comes after is late money, kept
 * and told to support). A provider that cannot be reached does not keep a payment open past its
 * deadline. The provider's error, if any, is in `providerError`.
 */
export async function checkOpenPayment(
  db: Db,
  ctx: TPaymentContext,
  p: TPaymentRow,
  source: "status_check" | "reconciliation",
  now = clock.now(),
): Promise<{ result: TApplyResult | null; providerError: string | null; expired: boolean }> {
  let result: TApplyResult | null = null;
  let providerError: string | null = null;
  if (p.externalPaymentId) {
    try {
      result = await syncPaymentWithProvider(db, ctx, { id: p.id, provider: p.provider, externalPaymentId: p.externalPaymentId }, source);
    } catch (err) {
      providerError = err instanceof Error ? err.message : "The payment provider cannot be reached.";
    }
  }
  const current = result && (result.outcome === "applied" || result.outcome === "unchanged" || result.outcome === "mismatch") ? result.payment : p;
  if (isFinalStatus(current.status) || now < deadlineOf(current)) return { result, providerError, expired: false };
  const ended = await applyPaymentUpdate(db, p.id, { status: "failed", failureReason: "expired", source }, now);
  if (ended.outcome === "applied" && p.externalPaymentId) {
    try {
      await providerOf(ctx, p.provider).cancel(p.externalPaymentId);
    } catch (err) {
      logError(`payment ${p.id} expired; its provider did not take the cancellation`, err);
    }
  }
  return { result: ended, providerError, expired: ended.outcome === "applied" };
}

/**
 * The payment's status. While it is pending or processing, its provider is asked (see
 * `syncPaymentWithProvider`), and past its deadline it ends (see `checkOpenPayment`). When the provider cannot be reached the stored status is answered
 * with `backend_error`. `onSettled` is called when this check itself made the payment completed or
 * failed (a late webhook's work: e-mail the notice, re-evaluate the team); a payment already
 * final was followed up by whatever moved it.
 */
export async function getPaymentStatus(
  db: Db,
  ctx: TPaymentContext,
  input: { paymentId: string; userId: string; globalRole: TGlobalRole; now?: Date },
  onSettled?: (teamId: string) => void,
) {
  const { payment: p } = await getPaymentForUser(db, input);
  let current = p;
  let backendError: string | null = null;
  if (!isFinalStatus(p.status)) {
    const checked = await checkOpenPayment(db, ctx, p, "status_check", input.now);
    const applied = checked.result;
    backendError = checked.providerError;
    if (applied && (applied.outcome === "applied" || applied.outcome === "unchanged")) current = applied.payment;
    if (applied?.outcome === "applied" && (current.status === "completed" || current.status === "failed")) onSettled?.(current.teamId);
    if (applied?.outcome === "mismatch") backendError = `The payment provider reports a different ${applied.detail}; the payment was left as it is.`;
  }
  return { ...toPaymentView(current), backend_error: backendError };
}

/** A cancellation claimed this long ago and not finished (the provider did not answer) may be tried again. */
const CANCEL_CLAIM_MS = 60_000;

/**
 * Cancels a pending payment (owners and admins): its provider is asked first; anything else is a 409.
 * One cancellation at a time: the caller first claims the pending payment (one conditional update),
 * so of two concurrent cancels one goes to the provider and the other gets 409 at once, instead of
 * reaching the provider second and reporting its "already final" as a gateway failure.
 */
export async function cancelPayment(db: Db, ctx: TPaymentContext, input: { paymentId: string; userId: string; globalRole: TGlobalRole; now?: Date }) {
  const now = input.now ?? clock.now();
  const { payment: p, access } = await getPaymentForUser(db, input);
  assertTeamRole(access, "admin", "cancel payments");
  const claimed = await db
    .update(payment)
    .set({ metadata: sql`${payment.metadata} || jsonb_build_object('cancel_claimed_at', ${now.toISOString()}::text)` })
    .where(
      and(
        eq(payment.id, p.id),
        eq(payment.status, "pending"),
        sql`coalesce((${payment.metadata}->>'cancel_claimed_at')::timestamptz, '-infinity') < ${new Date(now.getTime() - CANCEL_CLAIM_MS).toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: payment.id });
  if (claimed.length === 0) {
    const [current] = await db.select({ status: payment.status }).from(payment).where(eq(payment.id, p.id));
    const status = current?.status ?? p.status;
    throw new DomainError(
      "CONFLICT",
      status === "pending"
        ? "This payment is already being cancelled; reload to see its status."
        : `Only a pending payment can be cancelled; this one is ${status}.`,
      { reason: "not_pending" },
    );
  }
  const release = () =>
    db
      .update(payment)
      .set({ metadata: sql`${payment.metadata} - 'cancel_claimed_at'` })
      .where(eq(payment.id, p.id));
  if (p.externalPaymentId) {
    let answer: { status: TPaymentRow["status"] };
    try {
      answer = await providerOf(ctx, p.provider).cancel(p.externalPaymentId);
    } catch (err) {
      await release();
      throw err;
    }
    if (answer.status !== "cancelled") {
      // Paid (or failed) meanwhile: take the provider's full answer, amount checked, as a status check does.
      const applied = await syncPaymentWithProvider(db, ctx, { id: p.id, provider: p.provider, externalPaymentId: p.externalPaymentId }, "status_check");
      await release();
      throw new DomainError(
        "CONFLICT",
        `The payment could not be cancelled: it is ${applied.outcome === "applied" || applied.outcome === "unchanged" ? applied.payment.status : answer.status}.`,
        {
          reason: "not_pending",
        },
      );
    }
  }
  const applied = await applyPaymentUpdate(db, p.id, { status: "cancelled", source: "cancel" }, now);
  if (applied.outcome !== "applied") {
    throw new DomainError("CONFLICT", "The payment changed while it was being cancelled; reload to see its status.", { reason: "not_pending" });
  }
  return toPaymentView(applied.payment);
}

/** The team's payments (of one provider, if given), newest first, at most `limit` (50). */
export async function listPayments(db: Db, teamId: string, opts: { limit?: number; provider?: TPaymentProviderId } = {}): Promise<TPaymentView[]> {
  const rows = await db
    .select()
    .from(payment)
    .where(opts.provider ? and(eq(payment.teamId, teamId), eq(payment.provider, opts.provider)) : eq(payment.teamId, teamId))
    .orderBy(desc(payment.createdAt))
    .limit(opts.limit ?? 50);
  return rows.map(toPaymentView);
}

/** The page a payer returns to after the payment page. */
export function paymentReturnPath(teamSlug: string, paymentId: string, purpose: TPaymentRow["purpose"]): string {
  return `/teams/${teamSlug}/${purpose === "plan_upgrade" || purpose === "top_up" ? "billing" : "addons"}?payment=${paymentId}`;
}

/** How long a pending payment waits when its provider names no deadline (spec 14.3). */
export function defaultDeadlineMs(method: TPaymentMethod): number {
  // A purchase from the balance is completed when it is written; it has no deadline to wait for.
  return method === "mobile_money" ? MOBILE_MONEY_DEADLINE_MS : CARD_PAGE_DEADLINE_MS;
}

function payerCountry(e164: string): string {
  return normalisePhone(e164, null)?.country ?? "";
}
