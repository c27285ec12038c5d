import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { ADDON_MOVES, ADDON_PERIOD_DAYS, ADDONS, COUNTING_ADDON_STATUSES, type TAddonType } from "@/lib/addons";
import { LOW_BALANCE_REMINDER_DAYS, planRenewals, RENEWAL_GRACE_DAYS, RENEWAL_WINDOW_HOURS, suggestedTopUp, type TPlannedRenewal } from "@/lib/balance";
import { newId } from "@/lib/ids";
import { fromMinor, priceOf, type TCurrency } from "@/lib/money";
import { notificationOf } from "@/lib/notification-text";
import { PLANS } from "@/lib/plans";
import { rowsOf, sqlWord, sqlWords, type Db } from "@/server/db/client";
import { additionalResource, payment, teamSubscription } from "@/server/db/schema";
import { writeNotifications, type TNewNotification } from "@/server/services/notifications/write-notifications";
import { appendEntry, lockTeamBilling, readBalance, type TBalance } from "./balance";
import { issueReceipt } from "@/server/services/documents/issue";
import { enqueueEvent, enqueueEventSql } from "@/server/services/webhooks/delivery";

/**
 * Automatic renewal from the prepaid balance (spec 15). An item set to renew (Pro, an add-on) is
 * renewed when it falls due within RENEWAL_WINDOW_HOURS: its ledger entry, its `payment` row
 * (provider and method `balance`) and its new period (from the old period's end) in one
 * transaction under the team's billing lock, so a renewal happens once per item and period however
 * often the job runs or a payment completes meanwhile. When the balance does not cover it, the item
 * is `past_due` from its date for RENEWAL_GRACE_DAYS (limits kept), then Pro falls to Free and an
 * add-on expires. A top-up that covers a past-due item renews it in its own completing transaction.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A Pro that a Stripe subscription renews is Stripe's to renew. */
const stripeRenews = (s: { stripeSubscriptionId: string | null; stripeSubscriptionStatus: string | null }) =>
  !!s.stripeSubscriptionId && (s.stripeSubscriptionStatus === "active" || s.stripeSubscriptionStatus === "past_due");

export interface TRenewable {
  /** `pro`, or the add-on's id. */
  item: string;
  kind: "pro" | "addon";
  dueAt: Date;
  priceMinor: number;
  currency: TCurrency;
  pastDue: boolean;
  autoRenew: boolean;
  resourceType?: TAddonType;
  quantity?: number;
}

/**
 * What the team renews, with dates and prices in its currency: Pro when it is on Pro (and no Stripe
 * subscription renews it), and each active or past-due add-on. `until`: only those due by then.
 * `onlyAutoRenew`: only those set to renew from the balance.
 */
export async function renewablesOf(
  db: Db,
  teamId: string,
  currency: TCurrency,
  opts: { until?: Date; onlyAutoRenew?: boolean; sub?: typeof teamSubscription.$inferSelect } = {},
): Promise<TRenewable[]> {
  const [sub] = opts.sub ? [opts.sub] : await db.select().from(teamSubscription).where(eq(teamSubscription.teamId, teamId)).limit(1);
  const addons = await db
    .select()
    .from(additionalResource)
    .where(
      and(
        eq(additionalResource.teamId, teamId),
        inArray(additionalResource.status, COUNTING_ADDON_STATUSES),
        opts.until ? lte(additionalResource.expiresAt, opts.until) : undefined,
        opts.onlyAutoRenew ? eq(additionalResource.autoRenew, true) : undefined,
      ),
    );
  const items: TRenewable[] = [];
  if (
    sub &&
    sub.planId === "pay_as_you_go" &&
    sub.currentPeriodEnd &&
    !stripeRenews(sub) &&
    (!opts.until || sub.currentPeriodEnd <= opts.until) &&
    (!opts.onlyAutoRenew || sub.autoRenew)
  ) {
    items.push({
      item: "pro",
      kind: "pro",
      dueAt: sub.currentPeriodEnd,
      priceMinor: priceOf("pro", currency),
      currency,
      pastDue: sub.status === "past_due",
      autoRenew: sub.autoRenew,
    });
  }
  for (const a of addons) {
    if (!a.expiresAt) continue;
    items.push({
      item: a.id,
      kind: "addon",
      dueAt: a.expiresAt,
      // An add-on bought in another currency cannot renew from this balance: its price is out of reach.
      priceMinor: a.currency === currency ? priceOf(a.resourceType, currency) * a.quantity : Number.MAX_SAFE_INTEGER,
      currency,
      pastDue: a.status === "past_due",
      autoRenew: a.autoRenew,
      resourceType: a.resourceType,
      quantity: a.quantity,
    });
  }
  return items;
}

/** What renews or lapsed, in its webhook events' `data` (spec 18.1). */
const itemEventData = (teamId: string, r: TRenewable) => ({
  team_id: teamId,
  item: r.kind,
  resource_id: r.kind === "addon" ? r.item : null,
  resource_type: r.kind === "addon" ? (r.resourceType ?? null) : null,
  quantity: r.kind === "addon" ? (r.quantity ?? null) : null,
});

/** balance.low's webhook `data` (spec 18.1), from the reminder's notice data (lowBalanceReminders). */
export function balanceLowEventData(teamId: string, d: Record<string, unknown>) {
  const currency = String(d.currency);
  const amountMinor = Number(d.amount_minor);
  const balanceMinor = Number(d.balance_minor);
  return {
    team_id: teamId,
    item: d.item,
    resource_id: d.resource_id ?? null,
    resource_type: d.resource_type ?? null,
    quantity: d.quantity ?? null,
    due_at: d.due_at,
    days: d.days,
    suggested_top_up: fromMinor(amountMinor, currency),
    suggested_top_up_minor: amountMinor,
    balance: fromMinor(balanceMinor, currency),
    balance_minor: balanceMinor,
    currency,
  };
}

const addonParams = (r: TRenewable) => (r.kind === "addon" ? { resource_id: r.item, resource_type: r.resourceType, quantity: r.quantity } : {});

/** Renews one item from the balance (the caller holds the lock and knows it is covered). Answers the new end. */
async function renewFromBalance(tx: Db, teamId: string, r: TRenewable, now: Date, balance: TBalance): Promise<{ periodEnd: Date; balanceMinor: number }> {
  const paymentId = newId("pay");
  const days = r.kind === "pro" ? PLANS.pay_as_you_go.periodDays : ADDON_PERIOD_DAYS;
  // The new period, from the old one's end, as the database holds it (the caller holds the team's
  // lock and has just read it): computed there, so no precision is lost on the way.
  const [moved] =
    r.kind === "pro"
      ? rowsOf<{ end: Date | string }>(
          await tx.execute(sql`
            update team_subscription set status = 'active', updated_at = ${now.toISOString()}::timestamptz,
                   current_period_end = current_period_end + make_interval(days => ${days}::int)
            where team_id = ${teamId} and plan_id = 'pay_as_you_go' and current_period_end is not null
            returning current_period_end as end`),
        )
      : rowsOf<{ end: Date | string }>(
          await tx.execute(sql`
            update additional_resource set status = ${sqlWord(ADDON_MOVES.renew.to)}, updated_at = ${now.toISOString()}::timestamptz,
                   expires_at = expires_at + make_interval(days => ${days}::int)
            where id = ${r.item} and team_id = ${teamId} and status in ${sqlWords(ADDON_MOVES.renew.from)} and expires_at is not null
            returning expires_at as end`),
        );
  if (!moved) throw new Error(`${r.item} of team ${teamId} changed while it was being renewed`);
  const periodEnd = new Date(moved.end);
  const description =
    r.kind === "pro"
      ? `Servelink Pro renewed from the balance, ${days} days from ${r.dueAt.toISOString().slice(0, 10)}`
      : `Servelink add-on renewed from the balance: ${r.quantity} × ${ADDONS[r.resourceType!].name}, ${days} days from ${r.dueAt.toISOString().slice(0, 10)}`;
  const [paid] = await tx
    .insert(payment)
    .values({
      id: paymentId,
      teamId,
      provider: "balance",
      purpose: r.kind === "pro" ? "plan_upgrade" : "addon_renewal",
      resourceId: r.kind === "addon" ? r.item : null,
      amountMinor: r.priceMinor,
      currency: r.currency,
      paymentMethod: "balance",
      status: "completed",
      completedAt: now,
      metadata: { description, automatic_renewal: true, period_start: r.dueAt.toISOString(), period_end: periodEnd.toISOString() },
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const entry = await appendEntry(
    tx,
    {
      teamId,
      kind: r.kind === "pro" ? "renewal" : "addon_renewal",
      amountMinor: -r.priceMinor,
      currency: r.currency,
      paymentId,
      resourceId: r.kind === "addon" ? r.item : null,
      note: description,
      periodEnd: r.dueAt,
      now,
    },
    r.kind === "pro" ? "Pro's renewal" : "the add-on's renewal",
    balance,
  );
  balance.balanceMinor = entry.balanceAfterMinor;
  balance.seq = entry.seq;
  // Its `subscription.renewed` webhook event (spec 18.1), folded into the receipt's statement (the renewal's transaction).
  const renewed = enqueueEventSql(
    teamId,
    "subscription.renewed",
    {
      ...itemEventData(teamId, r),
      payment_id: paymentId,
      amount: fromMinor(r.priceMinor, r.currency),
      amount_minor: r.priceMinor,
      currency: r.currency,
      period_end: periodEnd.toISOString(),
      balance: fromMinor(entry.balanceAfterMinor, r.currency),
      balance_minor: entry.balanceAfterMinor,
    },
    now,
  );
  await issueReceipt(tx, paid!, now, { alongside: [renewed] });
  return { periodEnd, balanceMinor: entry.balanceAfterMinor };
}

export interface TRenewalOutcome {
  renewed: number;
  pastDue: number;
  lapsed: number;
  /** The notifications written (renewed, lapsed), for the caller to e-mail once committed. */
  notificationIds: string[];
}

/**
 * One team's due items, under its billing lock: the covered ones renew; with `job`, an uncovered
 * one past its date becomes past-due, and lapses after the grace days. A top-up (`job: false`)
 * renews past-due items only, and never lapses anything.
 */
export async function renewTeam(tx: Db, teamId: string, now: Date, opts: { job: boolean }): Promise<TRenewalOutcome> {
  const sub = await lockTeamBilling(tx, teamId);
  const balance = await readBalance(tx, teamId);
  const due = await renewablesOf(tx, teamId, balance.currency, { until: new Date(now.getTime() + RENEWAL_WINDOW_HOURS * HOUR), onlyAutoRenew: true, sub });
  const candidates = opts.job ? due : due.filter((r) => r.pastDue);
  const plan = planRenewals(balance.balanceMinor, candidates) as (TPlannedRenewal & TRenewable)[];
  const notes: TNewNotification[] = [];
  const outcome: TRenewalOutcome = { renewed: 0, pastDue: 0, lapsed: 0, notificationIds: [] };
  for (const r of plan) {
    if (r.covered) {
      const { periodEnd, balanceMinor } = await renewFromBalance(tx, teamId, r, now, balance);
      outcome.renewed++;
      notes.push({
        teamId,
        ...notificationOf("subscription.renewed", {
          item: r.kind,
          ...addonParams(r),
          amount_minor: r.priceMinor,
          currency: r.currency,
          period_end: periodEnd.toISOString(),
          balance_minor: balanceMinor,
        }),
      });
      continue;
    }
    if (!opts.job || r.dueAt > now) continue;
    if (now.getTime() >= r.dueAt.getTime() + RENEWAL_GRACE_DAYS * DAY) {
      await lapse(tx, teamId, r, now);
      outcome.lapsed++;
      const amountMinor = r.priceMinor === Number.MAX_SAFE_INTEGER ? 0 : r.priceMinor;
      await enqueueEvent(
        tx,
        teamId,
        "subscription.lapsed",
        {
          ...itemEventData(teamId, r),
          period_end: r.dueAt.toISOString(),
          amount: fromMinor(amountMinor, r.currency),
          amount_minor: amountMinor,
          currency: r.currency,
        },
        now,
      );
      notes.push({
        teamId,
        ...notificationOf("subscription.lapsed", {
          item: r.kind,
          ...addonParams(r),
          period_end: r.dueAt.toISOString(),
          amount_minor: r.priceMinor === Number.MAX_SAFE_INTEGER ? 0 : r.priceMinor,
          currency: r.currency,
        }),
      });
    } else if (!r.pastDue) {
      await markPastDue(tx, teamId, r, now);
      outcome.pastDue++;
    }
  }
  if (notes.length > 0) outcome.notificationIds = (await writeNotifications(tx, notes, { now })).map((n) => n.id);
  return outcome;
}

async function markPastDue(tx: Db, teamId: string, r: TRenewable, now: Date) {
  if (r.kind === "pro") {
    await tx.update(teamSubscription).set({ status: "past_due", updatedAt: now }).where(eq(teamSubscription.teamId, teamId));
  } else {
    await tx
      .update(additionalResource)
      .set({ status: ADDON_MOVES.fallDue.to, updatedAt: now })
      .where(and(eq(additionalResource.id, r.item), inArray(additionalResource.status, ADDON_MOVES.fallDue.from)));
  }
}

async function lapse(tx: Db, teamId: string, r: TRenewable, now: Date) {
  if (r.kind === "pro") {
    await tx
      .update(teamSubscription)
      .set({ planId: "free", status: "active", autoRenew: false, currentPeriodEnd: null, updatedAt: now })
      .where(eq(teamSubscription.teamId, teamId));
  } else {
    await tx
      .update(additionalResource)
      .set({ status: ADDON_MOVES.expire.to, updatedAt: now })
      .where(and(eq(additionalResource.id, r.item), inArray(additionalResource.status, ADDON_MOVES.expire.from)));
  }
}

/** The teams with an item set to renew that is due by `until` (or past due). */
export async function teamsDueForRenewal(db: Db, until: Date): Promise<string[]> {
  const at = until.toISOString();
  const rows = rowsOf<{ team_id: string }>(
    await db.execute(sql`
      select team_id from team_subscription
      where auto_renew and plan_id = 'pay_as_you_go' and current_period_end <= ${at}::timestamptz
        and not (stripe_subscription_id is not null and stripe_subscription_status in ('active', 'past_due'))
      union
      select team_id from additional_resource
      where auto_renew and status in ('active', 'past_due') and expires_at <= ${at}::timestamptz`),
  );
  return rows.map((r) => r.team_id);
}

/**
 * The renewal step of `expire-resources`: every team with something due, each in its own
 * transaction (one team's failure does not stop the others), `concurrency` at a time.
 */
export async function renewDueItems(db: Db, now: Date, opts: { concurrency?: number } = {}) {
  const teams = await teamsDueForRenewal(db, new Date(now.getTime() + RENEWAL_WINDOW_HOURS * HOUR));
  const total: TRenewalOutcome & { teams: number; errors: string[] } = {
    teams: teams.length,
    renewed: 0,
    pastDue: 0,
    lapsed: 0,
    notificationIds: [],
    errors: [],
  };
  let next = 0;
  const worker = async () => {
    while (next < teams.length) {
      const teamId = teams[next++]!;
      try {
        const o = await db.transaction((tx) => renewTeam(tx, teamId, now, { job: true }));
        total.renewed += o.renewed;
        total.pastDue += o.pastDue;
        total.lapsed += o.lapsed;
        total.notificationIds.push(...o.notificationIds);
      } catch (err) {
        if (total.errors.length < 20) total.errors.push(`team ${teamId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return total;
}

/**
 * The reminders of spec 15: LOW_BALANCE_REMINDER_DAYS (7 and 3) days before a renewal the balance
 * will not cover, once per item, date and mark, for the larger of the shortfall and the smallest
 * top-up.
 */
export async function lowBalanceReminders(db: Db, now: Date): Promise<TNewNotification[]> {
  const horizon = new Date(now.getTime() + LOW_BALANCE_REMINDER_DAYS[0] * DAY);
  const teams = await teamsDueForRenewal(db, horizon);
  const notes: TNewNotification[] = [];
  for (const teamId of teams) {
    const balance = await readBalance(db, teamId);
    const items = await renewablesOf(db, teamId, balance.currency, { until: horizon, onlyAutoRenew: true });
    for (const r of planRenewals(balance.balanceMinor, items) as (TPlannedRenewal & TRenewable)[]) {
      if (r.covered || r.dueAt <= now || r.priceMinor === Number.MAX_SAFE_INTEGER) continue;
      const daysLeft = (r.dueAt.getTime() - now.getTime()) / DAY;
      const days = daysLeft <= LOW_BALANCE_REMINDER_DAYS[1] ? LOW_BALANCE_REMINDER_DAYS[1] : LOW_BALANCE_REMINDER_DAYS[0];
      const key = { item: r.item, due_at: r.dueAt.toISOString(), days };
      const note = notificationOf("balance.low", {
        item: r.kind,
        ...addonParams(r),
        due_at: r.dueAt.toISOString(),
        days,
        amount_minor: suggestedTopUp(r.shortfallMinor, balance.currency),
        currency: balance.currency,
        balance_minor: balance.balanceMinor,
      });
      // Once per item, date and mark, whatever the balance and the amount were when it was sent.
      notes.push({ teamId, ...note, data: { ...note.data, reminder_key: key }, onceKey: { reminder_key: key } });
    }
  }
  return notes;
}
