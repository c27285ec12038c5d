import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/server/db/client";
import { teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { assertTeamRole, type TTeamAccess } from "@/server/services/teams/teams";
import { clock } from "@/lib/clock";
import type { TStripeProvider } from "@/server/integrations/stripe";
import { listPayments, type TPaymentContext } from "./payments";
import type { TPaymentProviderId } from "./provider";
import { moveStripeSubscription } from "./stripe-webhook";

/**
 * The team's Stripe billing: its customer once a card payment went through (the customer is
 * created when the first Checkout opens, but there is nothing to manage before one is paid), and
 * the card renewal of Pro; with the plan and its period, read in the same statement.
 */
async function teamCardBilling(db: Db, teamId: string) {
  const [sub] = await db
    .select({
      plan: teamSubscription.planId,
      planStatus: teamSubscription.status,
      periodEnd: teamSubscription.currentPeriodEnd,
      customer: teamSubscription.stripeCustomerId,
      subscription: teamSubscription.stripeSubscriptionId,
      status: teamSubscription.stripeSubscriptionStatus,
      paid: sql<boolean>`exists (select 1 from payment p where p.team_id = ${teamId} and p.provider = 'stripe' and p.status = 'completed')`,
    })
    .from(teamSubscription)
    .where(eq(teamSubscription.teamId, teamId))
    .limit(1);
  return {
    plan: sub?.plan ?? "free",
    planStatus: sub?.planStatus ?? "active",
    periodEnd: sub?.periodEnd ?? null,
    customer: sub?.customer && sub.paid ? sub.customer : null,
    subscription: sub?.subscription ?? null,
    status: sub?.status ?? null,
  };
}

/** What the Billing page shows about Stripe: nothing when it is off (`enabled: false`). */
export async function getCardBilling(db: Db, ctx: TPaymentContext | null, teamId: string) {
  if (!ctx?.stripe) return { enabled: false as const, has_customer: false, subscription: null };
  const sub = await teamCardBilling(db, teamId);
  return {
    enabled: true as const,
    has_customer: sub.customer !== null,
    /** Pro billed to the card every 30 days, and its state (active, past_due, ending, cancelled). */
    subscription: sub.subscription && sub.status ? { status: sub.status } : null,
  };
}

/**
 * A Stripe billing portal session for the team's Stripe customer (owners and admins), coming back
 * to Billing. The customer exists once a card payment went through Checkout; before, 409.
 */
export async function openBillingPortal(db: Db, ctx: TPaymentContext, access: TTeamAccess): Promise<{ url: string }> {
  assertTeamRole(access, "admin", "manage card billing");
  if (!ctx.stripe)
    throw new DomainError("NOT_FOUND", "Card billing is not available on this server: cards are taken through Stripe only when STRIPE_SECRET_KEY is set.");
  const sub = await teamCardBilling(db, access.team.id);
  if (!sub.customer) {
    throw new DomainError(
      "CONFLICT",
      "This team has not paid by card through Stripe yet, so there is no card billing to manage. Pay Pro or an add-on by card first.",
      { reason: "no_stripe_customer" },
    );
  }
  return { url: await ctx.stripe.portal(sub.customer, `${ctx.baseUrl}/teams/${access.team.slug}/billing`) };
}

/**
 * Stripe itself, for the Stripe notes' REST paths (spec 20): without STRIPE_SECRET_KEY they answer
 * 404 `stripe_not_configured`, saying so.
 */
export function requireStripe(ctx: TPaymentContext | null): TStripeProvider {
  if (!ctx?.stripe) {
    throw new DomainError("NOT_FOUND", "Stripe is not configured on this server (STRIPE_SECRET_KEY is not set), so its paths do not exist here.", {
      reason: "stripe_not_configured",
    });
  }
  return ctx.stripe;
}

/**
 * `GET /api/stripe/subscription`: the team's plan and period, and its card renewal through Stripe
 * (null when Pro is not billed to a card): `active`, `past_due`, `ending` (stops at the period's
 * end) or `cancelled`.
 */
export async function getStripeSubscription(db: Db, ctx: TPaymentContext, teamId: string) {
  requireStripe(ctx);
  const card = await teamCardBilling(db, teamId);
  return {
    plan: card.plan,
    status: card.planStatus,
    current_period_end: card.periodEnd,
    has_customer: card.customer !== null,
    card_renewal: card.subscription && card.status ? { status: card.status } : null,
  };
}

/**
 * `DELETE /api/stripe/subscription` (owners and admins): Pro stops renewing to the card at the end
 * of the paid period (Stripe's `cancel_at_period_end`); Pro itself runs to that end. The team's
 * state follows Stripe's answer at once, with the same notice as the webhook's (written once).
 * 409 `no_card_renewal` when nothing renews to a card.
 */
export async function stopCardRenewal(db: Db, ctx: TPaymentContext, access: TTeamAccess) {
  assertTeamRole(access, "admin", "manage card billing");
  const stripe = requireStripe(ctx);
  const card = await teamCardBilling(db, access.team.id);
  if (!card.subscription || (card.status !== "active" && card.status !== "past_due")) {
    throw new DomainError(
      "CONFLICT",
      card.status === "ending"
        ? "Pro already stops renewing to the card at the end of the paid period."
        : "Pro is not renewed to a card for this team, so there is no card renewal to stop.",
      { reason: "no_card_renewal" },
    );
  }
  const answered = await stripe.cancelAtPeriodEnd(card.subscription);
  if (answered.cancel_at_period_end || answered.cancel_at || answered.status === "canceled") {
    await db.transaction(async (tx) => {
      const [sub] = await tx.select().from(teamSubscription).where(eq(teamSubscription.teamId, access.team.id)).for("update").limit(1);
      if (sub) await moveStripeSubscription(tx, sub, answered.status === "canceled" ? "cancelled" : "ending", clock.now());
    });
  }
  return getStripeSubscription(db, ctx, access.team.id);
}

/** `GET /api/stripe/payment/history`: the team's card payments through Stripe, newest first. */
export async function listStripePayments(db: Db, ctx: TPaymentContext, teamId: string) {
  requireStripe(ctx);
  return listPayments(db, teamId, { provider: "stripe" });
}

/** `GET /api/stripe/payment/stats`: the team's card payments through Stripe summed by currency. */
export async function getStripePaymentStats(db: Db, ctx: TPaymentContext, teamId: string) {
  requireStripe(ctx);
  const { by_provider } = await getPaymentStats(db, teamId, "stripe");
  return { by_currency: by_provider.map(({ provider: _provider, ...row }) => row) };
}

/** The team's payments (of one provider, if given) summed by provider and currency: paid (count, amount), open, failed, cancelled. */
export async function getPaymentStats(db: Db, teamId: string, provider?: TPaymentProviderId) {
  const rows = rowsOf<{
    provider: TPaymentProviderId;
    currency: string;
    paid_count: number;
    paid_minor: number;
    open_count: number;
    failed_count: number;
    cancelled_count: number;
  }>(
    await db.execute(sql`
      select provider, currency,
             count(*) filter (where status = 'completed')::int as paid_count,
             coalesce(sum(amount_minor) filter (where status = 'completed'), 0)::int as paid_minor,
             count(*) filter (where status in ('pending', 'processing'))::int as open_count,
             count(*) filter (where status = 'failed')::int as failed_count,
             count(*) filter (where status = 'cancelled')::int as cancelled_count
      from payment where team_id = ${teamId}${provider ? sql` and provider = ${provider}` : sql``}
      group by provider, currency
      order by provider, currency`),
  );
  // Every figure is cast to int in the query: both drivers answer int4 as a number.
  return { by_provider: rows };
}
