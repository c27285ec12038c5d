import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/server/db/client";
import { teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { assertTeamRole, type TTeamAccess } from "@/server/services/teams/teams";
import type { TPaymentContext } from "./payments";
import type { TPaymentProviderId } from "./provider";

/**
 * The team's Stripe billing: its customer once a card payment went through (the customer is
 * created when the first Checkout opens, but there is nothing to manage before one is paid), and
 * the card renewal of Pro.
 */
async function teamCardBilling(db: Db, teamId: string) {
  const [sub] = await db
    .select({
      customer: teamSubscription.stripeCustomerId,
      subscription: teamSubscription.stripeSubscriptionId,
      status: teamSubscription.stripeSubscriptionStatus,
      paid: sql<boolean>`exists (select 1 from payment p where p.team_id = ${teamId} and p.provider = 'stripe' and p.status = 'completed')`,
    })
    .from(teamSubscription)
    .where(eq(teamSubscription.teamId, teamId))
    .limit(1);
  return { customer: sub?.customer && sub.paid ? sub.customer : null, subscription: sub?.subscription ?? null, status: sub?.status ?? null };
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

/** The team's payments summed by provider and currency: paid (count, amount), open, failed, cancelled. */
export async function getPaymentStats(db: Db, teamId: string) {
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
      from payment where team_id = ${teamId}
      group by provider, currency
      order by provider, currency`),
  );
  // Every figure is cast to int in the query: both drivers answer int4 as a number.
  return { by_provider: rows };
}
