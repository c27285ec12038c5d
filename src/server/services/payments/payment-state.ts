import { notificationsInsertSql, writeNotifications } from "@/server/services/notifications/write-notifications";
import { notificationOf } from "@/lib/notification-text";
import type { TPaymentCompletedParams } from "@/lib/notifications";
import { canMovePayment, isFinalStatus, type TPaymentStatus } from "@/lib/payments";
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { PLANS } from "@/lib/plans";
import { plainAmount } from "@/lib/money";
import { rowsOf, type Db } from "@/server/db/client";
import { payment, teamSubscription } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { activateAddon, cancelPendingAddon, extendAddon } from "@/server/services/addons/addon-effects";
import { clock } from "@/lib/clock";
import { appendEntry, lockTeamBilling } from "@/server/services/billing/balance";
import { renewTeam } from "@/server/services/billing/renewals";
import { issueReceipt, type TReceiptBuyer } from "@/server/services/documents/issue";
import { isCurrency } from "@/lib/money";
import { maskPhone } from "@/lib/documents";
import { observePaymentFinal } from "@/server/metrics";
import { logger } from "@/server/log";
import { enqueueEventSql } from "@/server/services/webhooks/delivery";
import { toPaymentView } from "./payment-view";

export type TPaymentRow = typeof payment.$inferSelect;

/** What a completed payment does, by purpose; run in the transaction of the transition. Answers what it bought, for the notice. */
export type TPaymentEffect = (tx: Db, p: TPaymentRow, now: Date) => Promise<Partial<TPaymentCompletedParams> | void>;

/**
 * Pro for `days` more, from the later of now and the end of a running Pro period (a Free team
 * starts Pro now): what a paid Pro does, and what staff give as goodwill (spec 19). Answers the
 * period's new end.
 */
export async function extendProPeriod(tx: Db, teamId: string, days: number, now: Date): Promise<Date> {
  const at = now.toISOString(); // Dates travel as ISO text: raw parameters are not typed by Drizzle.
  const [row] = rowsOf<{ current_period_end: Date | string }>(
    await tx.execute(sql`
      update team_subscription
      set plan_id = 'pay_as_you_go', status = 'active', updated_at = ${at}::timestamptz,
          current_period_end = greatest(${at}::timestamptz,
                                        case when plan_id = 'pay_as_you_go' then coalesce(current_period_end, ${at}::timestamptz) else ${at}::timestamptz end)
                               + make_interval(days => ${days}::int)
      where team_id = ${teamId}
      returning current_period_end`),
  );
  return new Date(row!.current_period_end);
}

async function extendPro(tx: Db, p: TPaymentRow, now: Date) {
  const end = await extendProPeriod(tx, p.teamId, PLANS.pay_as_you_go.periodDays, now);
  return { purpose: "plan_upgrade" as const, period_end: end.toISOString() };
}

/**
 * Keeps the Stripe customer a completed payment used (so the billing portal and later Checkouts
 * find it) and, for a Pro billed every 30 days, the subscription whose invoices renew it.
 */
async function linkStripeBilling(tx: Db, p: TPaymentRow, link: NonNullable<TPaymentUpdate["billingLink"]>, now: Date) {
  const subscriptionId = p.purpose === "plan_upgrade" ? link.stripeSubscriptionId : null;
  if (!link.stripeCustomerId && !subscriptionId) return;
  const [sub] = await tx.select().from(teamSubscription).where(eq(teamSubscription.teamId, p.teamId)).for("update");
  if (!sub) return;
  const running = !!sub.stripeSubscriptionId && (sub.stripeSubscriptionStatus === "active" || sub.stripeSubscriptionStatus === "past_due");
  const linkSubscription = !!subscriptionId && subscriptionId !== sub.stripeSubscriptionId && !running;
  if (subscriptionId && subscriptionId !== sub.stripeSubscriptionId && running) {
    // Two renewals at once (both Checkout pages paid): keep the first; its invoices credit Pro, and
    // the second's are credited through their team metadata. Tell the team and the operators.
    logger.error(
      { team_id: p.teamId, subscription_id: subscriptionId, renewing_subscription_id: sub.stripeSubscriptionId },
      "payments: a second Stripe subscription was paid while another renews",
    );
    await writeNotifications(tx, [{ teamId: p.teamId, ...notificationOf("plan.card_billing_duplicate", { subscription_id: subscriptionId }) }], { now });
  }
  await tx
    .update(teamSubscription)
    .set({
      // The team keeps its first Stripe customer: its portal shows every card payment made since.
      ...(link.stripeCustomerId && !sub.stripeCustomerId ? { stripeCustomerId: link.stripeCustomerId } : {}),
      // Stripe dates its events to the second: so does the link, so that events of the same second apply.
      ...(linkSubscription
        ? {
            stripeSubscriptionId: subscriptionId,
            stripeSubscriptionStatus: "active" as const,
            stripeStatusAt: new Date(Math.floor(now.getTime() / 1000) * 1000),
            // Stripe renews it now: the balance does not as well.
            autoRenew: false,
          }
        : {}),
      updatedAt: now,
    })
    .where(eq(teamSubscription.id, sub.id));
}

/**
 * A top-up completed (spec 15): its `top_up` entry, in this transaction (the payment's row lock
 * makes it once), then whatever past-due item the new balance covers renews at once.
 */
async function creditTopUp(tx: Db, p: TPaymentRow, now: Date) {
  if (!isCurrency(p.currency)) return;
  await lockTeamBilling(tx, p.teamId);
  await appendEntry(tx, {
    teamId: p.teamId,
    kind: "top_up",
    amountMinor: p.amountMinor,
    currency: p.currency,
    paymentId: p.id,
    actorUserId: p.createdBy,
    // The payer's number masked: the ledger and the statements show it to every member.
    note: p.paymentMethod === "mobile_money" && p.payerPhone ? `Top-up by Mobile Money from ${maskPhone(p.payerPhone)}` : "Top-up",
    now,
  });
  await renewTeam(tx, p.teamId, now, { job: false });
}

/** Effects of completion per payment purpose. */
const COMPLETION_EFFECTS: Record<TPaymentRow["purpose"], TPaymentEffect> = {
  plan_upgrade: extendPro,
  addon_purchase: activateAddon,
  addon_renewal: extendAddon,
  top_up: creditTopUp,
};

/** Effects of failure or cancellation per purpose: a pending add-on becomes cancelled. */
const FAILURE_EFFECTS: Partial<Record<TPaymentRow["purpose"], TPaymentEffect>> = {
  addon_purchase: cancelPendingAddon,
};

export interface TPaymentUpdate {
  status: TPaymentStatus;
  /** When the sender states them, they must match the stored payment, or nothing changes. */
  amountMinor?: number;
  currency?: string;
  transactionId?: string | null;
  failureReason?: string | null;
  /** Stripe: the customer and (recurring Pro) subscription the payment created, kept on the team on completion. */
  billingLink?: { stripeCustomerId: string | null; stripeSubscriptionId: string | null };
  source: "webhook" | "status_check" | "cancel" | "initiate" | "reconciliation" | "stripe" | "balance";
}

export type TApplyResult =
  | { outcome: "applied"; payment: TPaymentRow; previous: TPaymentRow["status"] }
  | { outcome: "unchanged"; payment: TPaymentRow }
  | { outcome: "mismatch"; payment: TPaymentRow; detail: string }
  /** Money that came after the console ended the payment (spec 14.3): kept on the payment, not applied, support told. */
  | { outcome: "late_completion"; payment: TPaymentRow }
  | { outcome: "not_found" };

/**
 * Applies a status reported for a payment: locks its row, checks amount and currency, moves it
 * through the status machine, and on `completed` runs the purpose's effects in the same
 * transaction. Concurrent callers wait on the row lock, so one final state wins and its effects
 * run exactly once; the others see a final state and change nothing.
 */
export async function applyPaymentUpdate(db: Db, paymentId: string, update: TPaymentUpdate, now = clock.now()): Promise<TApplyResult> {
  return db.transaction((tx) => applyPaymentUpdateInTransaction(tx, paymentId, update, now));
}

/** A payment the caller has already read `for update` in its transaction (or found none), with its team's buyer details for the receipt. */
export interface TLockedPayment {
  locked: TPaymentRow | null;
  buyer?: TReceiptBuyer;
}

/** What the caller folds into the statement that moves the payment (data-modifying CTEs), given the moved row and its previous status. */
export type TAlongsideMove = (moved: TPaymentRow, previous: TPaymentRow["status"]) => SQL[];

/**
 * `applyPaymentUpdate` inside a transaction the caller already holds (the webhook's), by id or
 * external id, or for a payment it has locked already. `alongsideMove`: the caller's own writes
 * when the payment moves, folded into the moving statement (the webhook's event outcome).
 */
export async function applyPaymentUpdateInTransaction(
  tx: Db,
  target: string | { externalPaymentId: string; provider: TPaymentRow["provider"] } | TLockedPayment,
  update: TPaymentUpdate,
  now = clock.now(),
  opts: { alongsideMove?: TAlongsideMove } = {},
): Promise<TApplyResult> {
  const p = typeof target === "object" && "locked" in target ? target.locked : await lockPayment(tx, target);
  const buyer = typeof target === "object" && "locked" in target ? target.buyer : undefined;
  if (!p) return { outcome: "not_found" as const };
  if (update.amountMinor !== undefined && update.amountMinor !== p.amountMinor) {
    return {
      outcome: "mismatch" as const,
      payment: p,
      detail: `amount ${plainAmount(update.amountMinor, p.currency)} differs from ${plainAmount(p.amountMinor, p.currency)}`,
    };
  }
  if (update.currency !== undefined && update.currency !== p.currency) {
    return { outcome: "mismatch" as const, payment: p, detail: `currency ${update.currency} differs from ${p.currency}` };
  }
  if (update.status === "completed" && (p.status === "failed" || p.status === "cancelled")) return recordLateCompletion(tx, p, update, now);
  if (!canMovePayment(p.status, update.status)) return { outcome: "unchanged" as const, payment: p };

  const metadata = { ...p.metadata };
  if (update.transactionId) metadata.transaction_id = update.transactionId;
  if (update.failureReason) metadata.failure_reason = update.failureReason;
  metadata.last_update_source = update.source;
  // The row as the update leaves it (the statement sets these columns only), so it is not read back.
  const moved: TPaymentRow = { ...p, status: update.status, metadata, updatedAt: now, completedAt: update.status === "completed" ? now : null };
  const paid = { amount_minor: p.amountMinor, currency: p.currency, payment_id: p.id };
  // A failure writes its notice in the moving statement too (its effect, if any, writes no notice).
  const failedNotice =
    update.status === "failed"
      ? notificationsInsertSql([{ teamId: p.teamId, ...notificationOf("payment.failed", { ...paid, reason: update.failureReason ?? null }) }], { now })
      : null;
  // The `payment.failed` webhook event (spec 18.1) in the same statement: the outbox commits with the move.
  const failedEvent = update.status === "failed" ? enqueueEventSql(p.teamId, "payment.failed", paymentEventData(moved), now) : null;
  const alongside = [...(opts.alongsideMove?.(moved, p.status) ?? []), ...(failedNotice ? [failedNotice] : []), ...(failedEvent ? [failedEvent] : [])];
  await tx.execute(sql`
    ${
      alongside.length
        ? sql`with ${sql.join(
            alongside.map((statement, i) => sql`${sql.raw(`alongside_${i}`)} as (${statement})`),
            sql`, `,
          )} `
        : sql``
    }
    update payment set status = ${moved.status}, metadata = ${JSON.stringify(metadata)}::jsonb, updated_at = ${now.toISOString()}::timestamptz,
                       completed_at = ${moved.completedAt ? now.toISOString() : null}::timestamptz
    where id = ${p.id}`);
  if (isFinalStatus(moved.status)) observePaymentFinal(moved, now);

  if (update.status === "completed" && update.billingLink) await linkStripeBilling(tx, moved, update.billingLink, now);
  if (update.status === "completed") {
    await completePurchase(tx, moved, now, { buyer });
    return { outcome: "applied" as const, payment: moved, previous: p.status };
  }
  const effect = isFinalStatus(update.status) ? FAILURE_EFFECTS[p.purpose] : undefined;
  if (effect) await effect(tx, moved, now);
  return { outcome: "applied" as const, payment: moved, previous: p.status };
}

/** The payment by id or external id, its row locked for the transaction. */
async function lockPayment(tx: Db, target: string | { externalPaymentId: string; provider: TPaymentRow["provider"] }): Promise<TPaymentRow | undefined> {
  const where =
    typeof target === "string" ? eq(payment.id, target) : and(eq(payment.externalPaymentId, target.externalPaymentId), eq(payment.provider, target.provider));
  const [p] = await tx.select().from(payment).where(where).for("update");
  return p;
}

/** A `payment` row as `select payment.*` answers it through `execute` (column names, driver values), mapped as Drizzle maps its own selects. */
export function paymentOfRow(row: Record<string, unknown>): TPaymentRow {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(payment))) {
    const value = row[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as TPaymentRow;
}

/**
 * What a payment's completion does, in the transaction that completes it: the purpose's effects
 * and the notice (stored with its parameters: each reader sees it in their language), written in
 * the receipt's statement, the transaction's last. Shared by the status machine and a purchase
 * from the balance, which is created completed.
 */
export async function completePurchase(tx: Db, p: TPaymentRow, now: Date, opts: { buyer?: TReceiptBuyer } = {}): Promise<void> {
  const bought = await COMPLETION_EFFECTS[p.purpose](tx, p, now);
  const paid = { amount_minor: p.amountMinor, currency: p.currency, payment_id: p.id };
  const notice = notificationsInsertSql([{ teamId: p.teamId, ...notificationOf("payment.completed", { ...paid, ...(bought ?? {}) }) }], { now });
  // The receipt (spec 16), numbered last: its counter is locked for the commit only.
  // …with the `payment.completed` webhook event (spec 18.1), so the outbox commits with the completion.
  const event = enqueueEventSql(p.teamId, "payment.completed", paymentEventData(p), now);
  await issueReceipt(tx, p, now, { bought: bought ?? undefined, buyer: opts.buyer, alongside: notice ? [notice, event] : [event] });
}

/** A payment event's `data`: the payment as its REST status answer shows it. */
function paymentEventData(p: TPaymentRow) {
  return { payment_id: p.id, ...toPaymentView(p) };
}

/**
 * A `completed` for a payment the console already ended (expired, failed or cancelled): the payer
 * was charged after all. The purchase is not applied (the team may have paid again meanwhile);
 * the money is kept on the payment's record (`late_completion` in its metadata) and credited to the
 * team's prepaid balance as a `refund` entry (spec 15), the team is told, and the operators are told
 * in the log. Once only, however many times it is reported.
 */
async function recordLateCompletion(tx: Db, p: TPaymentRow, update: TPaymentUpdate, now: Date): Promise<TApplyResult> {
  if (p.metadata.late_completion) return { outcome: "late_completion", payment: p };
  const late = { at: now.toISOString(), source: update.source, transaction_id: update.transactionId ?? null, ended_as: p.status };
  const [kept] = await tx
    .update(payment)
    .set({ metadata: { ...p.metadata, late_completion: late }, updatedAt: now })
    .where(eq(payment.id, p.id))
    .returning();
  const credited = await creditLateMoney(tx, p, now);
  logger.error(
    {
      payment_id: p.id,
      team_id: p.teamId,
      amount: plainAmount(p.amountMinor, p.currency),
      source: update.source,
      ended_as: p.status,
      ...(p.metadata.failure_reason ? { failure_reason: String(p.metadata.failure_reason) } : {}),
      credited,
    },
    credited
      ? "payments: late money, reported completed after the payment ended; credited to the team's balance"
      : "payments: late money, reported completed after the payment ended; support must credit the team (the team's balance is in another currency)",
  );
  await writeNotifications(
    tx,
    [{ teamId: p.teamId, ...notificationOf("payment.late_completion", { payment_id: p.id, amount_minor: p.amountMinor, currency: p.currency, credited }) }],
    { now },
  );
  return { outcome: "late_completion", payment: kept! };
}

/** Late money goes to the balance as a `refund` entry, when the balance is in the payment's currency. */
async function creditLateMoney(tx: Db, p: TPaymentRow, now: Date): Promise<boolean> {
  if (!isCurrency(p.currency) || p.amountMinor <= 0) return false;
  await lockTeamBilling(tx, p.teamId);
  try {
    await appendEntry(tx, {
      teamId: p.teamId,
      kind: "refund",
      amountMinor: p.amountMinor,
      currency: p.currency,
      paymentId: p.id,
      note: `Payment ${p.id} was confirmed after it had ended ${p.status}; its money is credited here`,
      now,
    });
    return true;
  } catch (err) {
    if (err instanceof DomainError && err.reason === "currency_changed") return false;
    throw err;
  }
}
