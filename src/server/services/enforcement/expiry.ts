import { ADDON_MOVES } from "@/lib/addons";
import { OPEN_PAYMENT_STATUSES } from "@/lib/payments";
import { EXPIRY_REMINDER_DAYS, PENDING_REMINDER_HOURS, RECONCILE_AFTER_MINUTES, STRIPE_RENEWAL_GRACE_DAYS } from "@/lib/billing-rules";
import { and, eq, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import { pgArray, rowsOf, type Db, sqlWord, sqlWords } from "@/server/db/client";
import { enqueueEvent, enqueueEventsSql } from "@/server/services/webhooks/delivery";
import { balanceLowEventData } from "@/server/services/billing/renewals";
import { ADDON_EVENT_COLUMNS, ADDON_EVENT_JSON } from "@/server/services/addons/addon-effects";
import type { TMailer } from "@/server/integrations/mailer";
import { emailNotifications, emailPaymentNotices } from "@/server/services/notifications/notifications";
import { keyedNote, writeNotifications, type TKeyedCandidate } from "@/server/services/notifications/write-notifications";
import { checkOpenPayment, type TPaymentContext } from "@/server/services/payments/payments";
import { payment } from "@/server/db/schema";
import { clock } from "@/lib/clock";
import { lowBalanceReminders, renewDueItems } from "@/server/services/billing/renewals";

const DAY = 86_400_000;

/**
 * Expiry (spec 6, `expire-resources`): active add-ons past `expires_at` become `expired`; Pro
 * subscriptions past `current_period_end` fall back to Free; reminders EXPIRY_REMINDER_DAYS before an add-on or
 * Pro lapses and for payments pending over PENDING_REMINDER_HOURS. Each notification is written at most once per
 * thing and date (a NOT EXISTS on its data), so a second run the same day changes nothing.
 */
export async function expireResources(db: Db, input: { now?: Date; mailer?: TMailer | null }) {
  const now = input.now ?? clock.now();
  // Spec 15 first: what renews from the balance renews (or falls due, or lapses after its grace)
  // before anything else looks at its date. Items set to renew are left out of the steps below.
  const renewals = await renewDueItems(db, now);
  const at = now.toISOString();
  const soon = new Date(now.getTime() + EXPIRY_REMINDER_DAYS * DAY).toISOString();
  const pendingSince = new Date(now.getTime() - PENDING_REMINDER_HOURS * 3_600_000).toISOString();
  const created = await db.transaction(async (tx) => {
    // `data` says which thing and date a note is about (its once-key, as it always was); `params`
    // add what its text needs, written out in each reader's language (lib/notification-text).
    const candidates = rowsOf<TKeyedCandidate>(
      await tx.execute(sql`
      with expired_addons as (
        update additional_resource set status = ${sqlWord(ADDON_MOVES.expire.to)}, updated_at = ${at}::timestamptz
        where status in ${sqlWords(ADDON_MOVES.expire.from)} and expires_at <= ${at}::timestamptz and not auto_renew
        returning ${ADDON_EVENT_COLUMNS}
      ), addon_events as (
        -- Each expired add-on's addon.expired webhook event (spec 18.1), with its expiry.
        ${enqueueEventsSql("addon.expired", sql`select team_id, ${ADDON_EVENT_JSON} as data from expired_addons`, now)}
      ), lapsed_pro as (
        update team_subscription set plan_id = 'free', updated_at = ${at}::timestamptz
        where plan_id = 'pay_as_you_go' and not auto_renew
          -- Pro billed to a card by Stripe gets a grace for the renewal invoice to arrive.
          and current_period_end <= ${at}::timestamptz - case when stripe_subscription_id is not null and stripe_subscription_status = 'active' then make_interval(days => ${STRIPE_RENEWAL_GRACE_DAYS}::int) else interval '0' end
        returning team_id, current_period_end
      ), notes as (
        select 'addon.expired' as kind, team_id,
               jsonb_build_object('resource_id', id) as data,
               jsonb_build_object('resource_type', resource_type, 'quantity', quantity) as params
        from expired_addons
        union all
        select 'plan.expired', team_id, jsonb_build_object('period_end', current_period_end), '{}'::jsonb
        from lapsed_pro
        union all
        select 'addon.expiring', r.team_id,
               jsonb_build_object('resource_id', r.id, 'expires_at', r.expires_at),
               jsonb_build_object('resource_type', r.resource_type, 'quantity', r.quantity, 'days', ${EXPIRY_REMINDER_DAYS}::int)
        from additional_resource r
        where r.status = 'active' and not r.auto_renew and r.expires_at > ${at}::timestamptz and r.expires_at <= ${soon}::timestamptz
        union all
        select 'plan.expiring', s.team_id, jsonb_build_object('period_end', s.current_period_end), jsonb_build_object('days', ${EXPIRY_REMINDER_DAYS}::int)
        from team_subscription s
        where s.plan_id = 'pay_as_you_go' and not s.auto_renew and s.current_period_end > ${at}::timestamptz and s.current_period_end <= ${soon}::timestamptz
          and not (s.stripe_subscription_id is not null and s.stripe_subscription_status = 'active')
        union all
        select 'payment.pending', p.team_id,
               jsonb_build_object('payment_id', p.id),
               jsonb_build_object('amount_minor', p.amount_minor, 'currency', p.currency, 'started_at', p.created_at)
        from payment p
        where p.status in ${sqlWords(OPEN_PAYMENT_STATUSES)} and p.created_at <= ${pendingSince}::timestamptz
      )
      select kind, team_id, data, params from notes`),
    );
    // Once per thing and date: a reminder the team already has (same kind, its data holding this key) is not written again.
    const lowBalance = await lowBalanceReminders(tx, now);
    const notes = [...candidates.map(keyedNote), ...lowBalance];
    const written = await writeNotifications(tx, notes, { now, once: "same_data" });
    // balance.low's webhook event (spec 18.1) with each reminder actually written, in its transaction.
    const lowIds = written.filter((w) => w.kind === "balance.low").map((w) => w.id);
    if (lowIds.length > 0) {
      const rows = rowsOf<{ team_id: string; data: Record<string, unknown> | string }>(
        await tx.execute(sql`select team_id, data from notification where id = any(${pgArray(lowIds)}::text[]) order by id`),
      );
      for (const r of rows) {
        const d = typeof r.data === "string" ? (JSON.parse(r.data) as Record<string, unknown>) : r.data;
        await enqueueEvent(tx, r.team_id, "balance.low", balanceLowEventData(r.team_id, d), now);
      }
    }
    return written;
  });
  const counts: Record<string, number> = {};
  for (const c of created) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  const emailed = await emailNotifications(db, input.mailer, [...renewals.notificationIds, ...created.map((c) => c.id)]);
  const { errors: renewalErrors, notificationIds: _written, ...renewed } = renewals;
  return { notifications: counts, emailed, renewals: renewed, ...(renewalErrors.length > 0 ? { errors: renewalErrors } : {}) };
}

/**
 * Reconciliation: every payment pending (or processing) for more than RECONCILE_AFTER_MINUTES is checked with
 * its provider (the backend's status endpoint, or the Stripe Checkout Session) and updated through the same status machine as the webhook, so a
 * lost webhook cannot leave a paid team on Free. One failing check does not stop the others.
 */
export async function reconcilePendingPayments(db: Db, ctx: TPaymentContext, now = clock.now(), mailer: TMailer | null = null) {
  // Open payments started a while ago, and any open payment past its deadline (spec 14.3: it ends).
  const pending = await db
    .select()
    .from(payment)
    .where(
      and(
        inArray(payment.status, OPEN_PAYMENT_STATUSES),
        ctx.stripe ? undefined : eq(payment.provider, "payment_backend"),
        or(
          and(isNotNull(payment.externalPaymentId), lte(payment.createdAt, new Date(now.getTime() - RECONCILE_AFTER_MINUTES * 60_000))),
          lte(payment.expiresAt, now),
        ),
      ),
    )
    .orderBy(payment.createdAt)
    .limit(500);
  let applied = 0;
  const movedTeams = new Set<string>();
  const completedTeams = new Set<string>();
  const errors: string[] = [];
  const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
  for (const p of pending) {
    try {
      const { result, providerError } = await checkOpenPayment(db, ctx, p, "reconciliation", now);
      if (providerError) errors.push(`${p.id}: ${providerError}`);
      if (!result) continue;
      if (result.outcome === "applied") {
        applied++;
        movedTeams.add(result.payment.teamId);
        if (result.payment.status === "completed") completedTeams.add(result.payment.teamId);
      }
      if (result.outcome === "mismatch") errors.push(`${p.id}: ${result.detail}`);
    } catch (err) {
      errors.push(`${p.id}: ${message(err)}`);
    }
  }
  // Each team's notices once, however many of its payments moved.
  for (const teamId of movedTeams) {
    await emailPaymentNotices(db, mailer, teamId, now).catch((err: unknown) => errors.push(`notices of team ${teamId}: ${message(err)}`));
  }
  // The teams whose payment completed: a suspension there may lift at once, not at the next limits run.
  return { checked: pending.length, applied, completed_team_ids: [...completedTeams], errors: errors.slice(0, 20) };
}
