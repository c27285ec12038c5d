import { and, eq, inArray } from "drizzle-orm";
import { COUNTING_ADDON_STATUSES } from "@/lib/addons";
import { planRenewals, topUpBounds } from "@/lib/balance";
import { clock } from "@/lib/clock";
import { fromMinor } from "@/lib/money";
import type { Db } from "@/server/db/client";
import { additionalResource, teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { assertTeamRole, type TTeamAccess } from "@/server/services/teams/teams";
import { lockTeamBilling, readBalance } from "./balance";
import { renewablesOf } from "./renewals";

/**
 * The balance as the Billing page and `GET /api/billing/{team}/balance` show it (spec 15): the
 * balance, the top-up bounds, and the next renewals (Pro and each add-on) with their dates, whether
 * they renew from the balance and whether the balance covers them (in date order, each after the
 * ones before it).
 */
export async function getBalanceView(db: Db, teamId: string, now = clock.now()) {
  const balance = await readBalance(db, teamId);
  const [sub] = await db.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)).limit(1);
  // The subscription read once, for the renewals and for whether Stripe renews Pro.
  const items = await renewablesOf(db, teamId, balance.currency, { sub });
  const plan = new Map(
    planRenewals(
      balance.balanceMinor,
      items.filter((i) => i.autoRenew),
    ).map((p) => [p.item, p]),
  );
  const bounds = topUpBounds(balance.currency);
  const renewals = items
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map((i) => {
      const planned = plan.get(i.item);
      const unpriced = i.priceMinor === Number.MAX_SAFE_INTEGER;
      return {
        item: i.item,
        kind: i.kind,
        resource_type: i.resourceType ?? null,
        quantity: i.quantity ?? null,
        due_at: i.dueAt,
        price: unpriced ? null : fromMinor(i.priceMinor, balance.currency),
        price_minor: unpriced ? null : i.priceMinor,
        auto_renew: i.autoRenew,
        status: i.pastDue ? ("past_due" as const) : ("active" as const),
        /** Only for what renews from the balance: whether it will, and what is missing. */
        covered: planned ? planned.covered : null,
        shortfall_minor: planned ? planned.shortfallMinor : null,
        past_due: i.pastDue,
      };
    });
  const stripeRenewsPro = !!sub?.stripeSubscriptionId && (sub.stripeSubscriptionStatus === "active" || sub.stripeSubscriptionStatus === "past_due");
  const next = renewals.find((r) => r.auto_renew);
  return {
    currency: balance.currency,
    balance: fromMinor(balance.balanceMinor, balance.currency),
    balance_minor: balance.balanceMinor,
    top_up: {
      min: fromMinor(bounds.min, balance.currency),
      max: fromMinor(bounds.max, balance.currency),
      step: fromMinor(bounds.step, balance.currency),
      min_minor: bounds.min,
      max_minor: bounds.max,
      step_minor: bounds.step,
    },
    renewals,
    /** Pro renews through a Stripe subscription: its switch here is off and refused. */
    pro_renews_by_card: stripeRenewsPro,
    /** The first renewal from the balance that the balance does not cover (the Overview's warning), or null. */
    next_uncovered: renewals.find((r) => r.auto_renew && r.covered === false) ?? null,
    next_renewal: next ?? null,
    past_due: renewals.some((r) => r.past_due),
    now,
  };
}
export type TBalanceView = Awaited<ReturnType<typeof getBalanceView>>;

/**
 * Switches automatic renewal from the balance on or off (owners and admins) for Pro (`item: "pro"`)
 * or one of the team's add-ons (its id; another team's is a 404). Pro's is a 409
 * `stripe_subscription_active` while a Stripe subscription renews it, and a 409 `not_pro` on Free.
 */
export async function setAutoRenew(db: Db, input: { access: TTeamAccess; item: string; enabled: boolean }) {
  assertTeamRole(input.access, "admin", "change automatic renewal");
  const teamId = input.access.team.id;
  const now = clock.now();
  await db.transaction(async (tx) => {
    const sub = await lockTeamBilling(tx, teamId);
    if (input.item === "pro") {
      if (input.enabled && sub.stripeSubscriptionId && (sub.stripeSubscriptionStatus === "active" || sub.stripeSubscriptionStatus === "past_due")) {
        throw new DomainError(
          "CONFLICT",
          "Pro is renewed by a Stripe card subscription. Stop it with “Manage card billing” first, then renew from the balance.",
          {
            reason: "stripe_subscription_active",
          },
        );
      }
      if (input.enabled && sub.planId !== "pay_as_you_go") {
        throw new DomainError("CONFLICT", "The team is on Free: upgrade it to Pro first, then switch on its automatic renewal.", { reason: "not_pro" });
      }
      await tx.update(teamSubscription).set({ autoRenew: input.enabled, updatedAt: now }).where(eq(teamSubscription.id, sub.id));
      return;
    }
    const [r] = await tx
      .update(additionalResource)
      .set({ autoRenew: input.enabled, updatedAt: now })
      .where(and(eq(additionalResource.id, input.item), eq(additionalResource.teamId, teamId), inArray(additionalResource.status, COUNTING_ADDON_STATUSES)))
      .returning({ id: additionalResource.id });
    if (!r) {
      const [exists] = await tx
        .select({ status: additionalResource.status })
        .from(additionalResource)
        .where(and(eq(additionalResource.id, input.item), eq(additionalResource.teamId, teamId)))
        .limit(1);
      if (!exists) throw new DomainError("NOT_FOUND", "Add-on not found.");
      throw new DomainError("CONFLICT", `Only an active add-on renews; this one is ${exists.status}.`, { reason: "not_renewable" });
    }
  });
  return getBalanceView(db, teamId, now);
}
