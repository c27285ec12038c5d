import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { isStaff, type TGlobalRole } from "@/lib/roles";
import { newId } from "@/lib/ids";
import { PROJECT_MOVES } from "@/lib/projects";
import { amountProblem, creditCapMinor, fromMinor, plainAmount, toMinor } from "@/lib/money";
import { EXTEND_PRO_MAX_DAYS, SUPPORT_CREDIT_MAX_EUR_DEFAULT, SUSPENSION_GRACE_HOURS, type TStaffAction } from "@/lib/support";
import { clock } from "@/lib/clock";
import { sqlWord, sqlWords, type Db } from "@/server/db/client";
import { payment, staffAction, supportMessage, supportTicket, team, user } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { appendEntry, lockTeamBilling, readBalance } from "@/server/services/billing/balance";
import { renewTeam } from "@/server/services/billing/renewals";
import { MOVED_PROJECT_COLUMNS_OF_P, moveProjectsWithEvent } from "@/server/services/enforcement/usage-alerts";
import { applyPaymentUpdateInTransaction, extendProPeriod, type TApplyResult } from "@/server/services/payments/payment-state";
import { providerOf, type TPaymentContext } from "@/server/services/payments/payments";
import { moveTicket } from "./ticket-state";
import { ticketLanguage } from "./tickets";
import { staffActionMessage, type TStaffActionText } from "./ticket-text";

/**
 * The actions staff take from a ticket (spec 19). Each runs in one transaction with its
 * `staff_action` row and a system message on the ticket, written in the requester's language, that
 * the team reads: all three commit together or none does. Only staff reach them; anyone else gets
 * NOT_FOUND and nothing is written.
 */

export { creditCapMinor } from "@/lib/money";

export interface TStaffActor {
  id: string;
  role: TGlobalRole;
}

type TTicketRow = typeof supportTicket.$inferSelect;

interface TActionContext {
  tx: Db;
  ticket: TTicketRow;
  now: Date;
}

interface TActionOutcome<R> {
  /** What the audit keeps: what was asked and what it did. */
  params: Record<string, unknown>;
  text: TStaffActionText;
  result: R;
}

const ticketNotFound = () => new DomainError("NOT_FOUND", "Ticket not found.");

/** Only staff reach the support actions and the cockpit; to anyone else they do not exist (NOT_FOUND). */
export function assertStaff(actor: TStaffActor): void {
  if (!isStaff(actor.role)) throw new DomainError("NOT_FOUND", "Not found.");
}

/**
 * Runs `body` in a transaction holding the ticket's row, then writes the audit row and the system
 * message. A closed ticket takes no more messages, so no action either (409 `ticket_closed`).
 */
async function runTicketAction<R>(
  db: Db,
  input: { ticketId: string; actor: TStaffActor; now?: Date },
  action: TStaffAction,
  body: (c: TActionContext) => Promise<TActionOutcome<R>>,
): Promise<R & { staff_action_id: string; message_id: string }> {
  assertStaff(input.actor);
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const [ticket] = await tx.select().from(supportTicket).where(eq(supportTicket.id, input.ticketId)).for("update");
    if (!ticket) throw ticketNotFound();
    const move = moveTicket(ticket.status, { type: "internal_note" }, ticket.firstResponseAt !== null);
    if (!move.ok) throw new DomainError("CONFLICT", move.reason, { reason: "ticket_closed" });
    const outcome = await body({ tx, ticket, now });
    const language = ticketLanguage(ticket);
    const staffActionId = newId("sta");
    const messageId = newId("msg");
    await tx.insert(staffAction).values({
      id: staffActionId,
      actorUserId: input.actor.id,
      teamId: ticket.teamId,
      ticketId: ticket.id,
      action,
      params: outcome.params,
      createdAt: now,
    });
    await tx.insert(supportMessage).values({
      id: messageId,
      ticketId: ticket.id,
      userId: input.actor.id,
      authorType: "system",
      message: staffActionMessage(outcome.text, language),
      isInternal: false,
      createdAt: now,
    });
    await tx.update(supportTicket).set({ updatedAt: now }).where(eq(supportTicket.id, ticket.id));
    return { ...outcome.result, staff_action_id: staffActionId, message_id: messageId };
  });
}

/** The ticket's team, for a check made before the transaction (a provider call is never made inside one). */
async function ticketTeamId(db: Db, ticketId: string): Promise<string> {
  const [t] = await db.select({ teamId: supportTicket.teamId }).from(supportTicket).where(eq(supportTicket.id, ticketId)).limit(1);
  if (!t) throw ticketNotFound();
  return t.teamId;
}

/**
 * Asks the payment's provider for its status now and applies the answer through the payment's
 * status machine (amount and currency checked, effects once), as a status check does. The payment
 * must be the ticket's team's (another's is NOT_FOUND). `settled`: the answer moved the payment
 * (or brought late money), so the caller follows it up after the commit (notice, suspension).
 */
export async function recheckPayment(db: Db, ctx: TPaymentContext, input: { ticketId: string; paymentId: string; actor: TStaffActor; now?: Date }) {
  assertStaff(input.actor);
  const teamId = await ticketTeamId(db, input.ticketId);
  const [p] = await db
    .select()
    .from(payment)
    .where(and(eq(payment.id, input.paymentId), eq(payment.teamId, teamId)))
    .limit(1);
  if (!p) throw new DomainError("NOT_FOUND", "Payment not found.");
  if (!p.externalPaymentId) {
    throw new DomainError("CONFLICT", "No payment provider ever took this payment, so there is nothing to ask.", { reason: "not_pending" });
  }
  const answer = await providerOf(ctx, p.provider).status(p.externalPaymentId);
  return runTicketAction(db, input, "recheck_payment", async ({ tx, ticket, now }) => {
    if (ticket.teamId !== p.teamId) throw new DomainError("NOT_FOUND", "Payment not found.");
    // The status machine's own path (amount checked, effects and receipt once, late money credited);
    // the audit row and the message follow it in this transaction, a moment after the receipt's number.
    const applied: TApplyResult = await applyPaymentUpdateInTransaction(tx, p.id, { ...answer, source: "status_check" }, now);
    if (applied.outcome === "not_found") throw new DomainError("NOT_FOUND", "Payment not found.");
    const outcome = applied.outcome === "late_completion" ? "late" : applied.outcome;
    const status = applied.payment.status;
    return {
      params: {
        payment_id: p.id,
        provider: p.provider,
        provider_status: answer.status,
        ...(answer.failureReason ? { provider_failure_reason: answer.failureReason } : {}),
        outcome: applied.outcome,
        previous_status: p.status,
        status,
      },
      text: { action: "recheck_payment", amountMinor: p.amountMinor, currency: p.currency, paymentId: p.id, outcome, status },
      result: {
        team_id: p.teamId,
        payment_id: p.id,
        outcome: applied.outcome,
        previous_status: p.status,
        status,
        provider_status: answer.status,
        settled: (applied.outcome === "applied" && (status === "completed" || status === "failed")) || applied.outcome === "late_completion",
      },
    };
  });
}

/**
 * Goodwill Pro (spec 19): `days` (1 to 30) more from the later of now and the period's end; a Free
 * team starts Pro for that long. The team's billing row is held for the transaction, so two staff
 * extending at once give two extensions, one after the other, both applied. While a Stripe
 * subscription renews the team it is a 409 `stripe_subscription_active` (Stripe owns the period).
 */
export async function extendPro(db: Db, input: { ticketId: string; days: number; actor: TStaffActor; now?: Date }) {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > EXTEND_PRO_MAX_DAYS) {
    throw new DomainError("BAD_REQUEST", `days: must be 1 to ${EXTEND_PRO_MAX_DAYS}`, { reason: "invalid_request" });
  }
  return runTicketAction(db, input, "extend_pro", async ({ tx, ticket, now }) => {
    const sub = await lockTeamBilling(tx, ticket.teamId);
    if (sub.stripeSubscriptionId && (sub.stripeSubscriptionStatus === "active" || sub.stripeSubscriptionStatus === "past_due")) {
      throw new DomainError("CONFLICT", "A Stripe card subscription renews this team's Pro: its period is Stripe's, so it cannot be extended here.", {
        reason: "stripe_subscription_active",
      });
    }
    const wasPro = sub.planId === "pay_as_you_go";
    const until = await extendProPeriod(tx, ticket.teamId, input.days, now);
    return {
      params: { days: input.days, started: !wasPro, previous_plan: sub.planId, previous_period_end: sub.currentPeriodEnd, period_end: until },
      text: { action: "extend_pro", days: input.days, started: !wasPro, until },
      result: { team_id: ticket.teamId, plan: "pay_as_you_go" as const, started: !wasPro, period_end: until },
    };
  });
}

/**
 * Lifts the team's suspension for 48 hours (spec 19): its suspended projects are active again (their
 * `project.reactivated` events in the same statement) and the limit check suspends none of them
 * before `suspension_grace_until`; after it, a team still over a limit is suspended again.
 */
export async function liftSuspension(db: Db, input: { ticketId: string; actor: TStaffActor; now?: Date }) {
  return runTicketAction(db, input, "lift_suspension", async ({ tx, ticket, now }) => {
    const until = new Date(now.getTime() + SUSPENSION_GRACE_HOURS * 3_600_000);
    await tx.update(team).set({ suspensionGraceUntil: until }).where(eq(team.id, ticket.teamId));
    const reactivated = await moveProjectsWithEvent(
      tx,
      sql`update project p set status = ${sqlWord(PROJECT_MOVES.reactivate.to)}, status_changed_at = ${now.toISOString()}::timestamptz
          where p.team_id = ${ticket.teamId} and p.status in ${sqlWords(PROJECT_MOVES.reactivate.from)}
          returning ${MOVED_PROJECT_COLUMNS_OF_P}`,
      "project.reactivated",
      now,
    );
    return {
      params: { hours: SUSPENSION_GRACE_HOURS, grace_until: until, reactivated_project_ids: reactivated },
      text: { action: "lift_suspension", hours: SUSPENSION_GRACE_HOURS, reactivated: reactivated.length, until },
      result: { team_id: ticket.teamId, grace_until: until, reactivated_project_ids: reactivated },
    };
  });
}

/**
 * A goodwill credit (spec 19): a `credit` entry on the team's balance, `amount` in the team's major
 * units, at most `maxEur` euros (SUPPORT_CREDIT_MAX) converted at the parity for franc teams (over
 * it: 400 `credit_over_cap`), with a reason. Then whatever past-due renewal the balance now covers
 * renews, as after a top-up.
 */
export async function grantCredit(db: Db, input: { ticketId: string; amount: number; reason: string; actor: TStaffActor; maxEur?: number; now?: Date }) {
  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > 500) throw new DomainError("BAD_REQUEST", "reason: must be 3 to 500 characters", { reason: "invalid_request" });
  const maxEur = input.maxEur ?? SUPPORT_CREDIT_MAX_EUR_DEFAULT;
  return runTicketAction(db, input, "grant_credit", async ({ tx, ticket, now }) => {
    await lockTeamBilling(tx, ticket.teamId);
    const balance = await readBalance(tx, ticket.teamId);
    const currency = balance.currency;
    const problem = amountProblem(input.amount, currency);
    if (problem || input.amount <= 0) {
      // Each in the form its reason's French reads: "amount: <problem>." and the field's own "amount: must be positive".
      if (problem) throw new DomainError("BAD_REQUEST", `amount: ${problem}.`, { reason: "invalid_amount" });
      throw new DomainError("BAD_REQUEST", "amount: must be positive", { reason: "invalid_request" });
    }
    const amountMinor = toMinor(input.amount, currency);
    const cap = creditCapMinor(maxEur, currency);
    if (amountMinor > cap) {
      throw new DomainError(
        "BAD_REQUEST",
        `amount: a grant is at most ${plainAmount(cap, currency)} (${maxEur} EUR${currency === "EUR" ? "" : " at the fixed parity"}).`,
        {
          reason: "credit_over_cap",
          details: { cap_minor: cap, currency },
          exposed: { max: fromMinor(cap, currency), max_minor: cap, currency },
        },
      );
    }
    const entry = await appendEntry(
      tx,
      { teamId: ticket.teamId, kind: "credit", amountMinor, currency, actorUserId: input.actor.id, note: reason, now },
      "this credit",
      balance,
    );
    await renewTeam(tx, ticket.teamId, now, { job: false });
    return {
      params: { amount: input.amount, amount_minor: amountMinor, currency, reason, entry_id: entry.id, cap_minor: cap },
      text: { action: "grant_credit", amountMinor, currency, reason },
      result: { team_id: ticket.teamId, entry_id: entry.id, amount_minor: amountMinor, currency, balance_after_minor: entry.balanceAfterMinor },
    };
  });
}

/**
 * The audit (spec 19), newest first, for admins: `limit` rows (1 to 100) older than the cursor
 * `before` (the previous page's `next_before`), with the actor's and team's names.
 */
export async function listStaffActions(db: Db, opts: { limit?: number; before?: string | null; teamId?: string } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 100);
  let cursor: { at: Date; id: string } | null = null;
  if (opts.before) {
    const [c] = await db.select({ at: staffAction.createdAt, id: staffAction.id }).from(staffAction).where(eq(staffAction.id, opts.before)).limit(1);
    if (!c) throw new DomainError("BAD_REQUEST", "before: not an audit entry", { reason: "invalid_request" });
    cursor = c;
  }
  const rows = await db
    .select({
      id: staffAction.id,
      action: staffAction.action,
      params: staffAction.params,
      created_at: staffAction.createdAt,
      ticket_id: staffAction.ticketId,
      ticket_subject: supportTicket.subject,
      team_id: staffAction.teamId,
      team_slug: team.slug,
      team_name: team.name,
      actor_user_id: staffAction.actorUserId,
      actor_name: user.name,
      actor_email: user.email,
    })
    .from(staffAction)
    .innerJoin(team, eq(team.id, staffAction.teamId))
    .leftJoin(supportTicket, eq(supportTicket.id, staffAction.ticketId))
    .leftJoin(user, eq(user.id, staffAction.actorUserId))
    .where(
      and(
        opts.teamId ? eq(staffAction.teamId, opts.teamId) : undefined,
        cursor ? or(lt(staffAction.createdAt, cursor.at), and(eq(staffAction.createdAt, cursor.at), lt(staffAction.id, cursor.id))) : undefined,
      ),
    )
    .orderBy(desc(staffAction.createdAt), desc(staffAction.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { entries: page, next_before: rows.length > limit ? page[page.length - 1]!.id : null };
}
