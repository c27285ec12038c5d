import { and, desc, eq, gt, isNotNull } from "drizzle-orm";
import { newId } from "../../../lib/ids";
import { PLANS } from "../../../lib/plans";
import { fromCents, toCents, type TInitiatePayment } from "../../../lib/schemas/payments";
import type { Db } from "../../db/client";
import { payment, type TGlobalRole, type TTeamRole } from "../../db/schema";
import { DomainError } from "../../errors";
import type { TPaymentBackend } from "../../integrations/payment-backend";
import { assertTeamRole, getTeamAccess, type TTeamAccess } from "../teams/teams";
import { applyPaymentUpdate, isFinalStatus, type TPaymentRow } from "./payment-state";

export interface TPaymentContext {
  backend: TPaymentBackend;
  /** Where the backend sends the webhook. */
  callbackUrl: string;
  /** Where the payer comes back: the team's Billing page, or its Add-ons page for an add-on. */
  returnUrl: (teamSlug: string, paymentId: string, purpose: TPaymentRow["purpose"]) => string;
}

/** The notes' payment shape: amounts in major units. */
export function toPaymentView(p: TPaymentRow) {
  return {
    id: p.id,
    team_id: p.teamId,
    external_payment_id: p.externalPaymentId,
    provider: p.provider,
    purpose: p.purpose,
    amount: fromCents(p.amountCents),
    amount_cents: p.amountCents,
    currency: p.currency,
    payment_method: p.paymentMethod,
    status: p.status,
    payment_url: typeof p.metadata.payment_url === "string" ? p.metadata.payment_url : null,
    qr_code: typeof p.metadata.qr_code === "string" ? p.metadata.qr_code : null,
    failure_reason: typeof p.metadata.failure_reason === "string" ? p.metadata.failure_reason : null,
    metadata: {
      description: p.metadata.description ?? null,
      plan_upgrade: p.metadata.plan_upgrade ?? false,
      new_plan: p.metadata.new_plan ?? null,
      transaction_id: p.metadata.transaction_id ?? null,
    },
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    completed_at: p.completedAt,
  };
}
export type TPaymentView = ReturnType<typeof toPaymentView>;

const REUSE_PENDING_MS = 30 * 60_000;

/**
 * Starts the Pro upgrade payment. The amount is the server's (Pro: 3.00 EUR); a client amount that
 * differs is a 400. The payment is written `pending` before the backend is called; when the
 * backend fails, the payment becomes `failed` with the reason and the caller gets 502. A pending
 * upgrade started in the last 30 minutes with the same method is answered again instead of
 * opening a second one (a double click never makes two charges to pay).
 */
export async function initiatePayment(
  db: Db,
  ctx: TPaymentContext,
  input: { access: TTeamAccess; userId: string; body: TInitiatePayment },
): Promise<TPaymentView> {
  assertTeamRole(input.access, "admin", "make payments");
  const pro = PLANS.pay_as_you_go;
  if (input.body.plan_upgrade === false) {
    throw new DomainError("BAD_REQUEST", "plan_upgrade: this path pays for the Pro plan; add-ons are bought from the Add-ons page.");
  }
  if (input.body.amount !== undefined && toCents(input.body.amount) !== pro.priceCents) {
    throw new DomainError("BAD_REQUEST", `amount: must be ${fromCents(pro.priceCents).toFixed(2)} ${pro.currency}, the price of Pro (the server computes it).`, {
      reason: "amount_mismatch",
    });
  }
  const teamId = input.access.team.id;
  const [recent] = await db
    .select()
    .from(payment)
    .where(
      and(
        eq(payment.teamId, teamId),
        eq(payment.purpose, "plan_upgrade"),
        eq(payment.status, "pending"),
        eq(payment.paymentMethod, input.body.payment_method),
        isNotNull(payment.externalPaymentId),
        gt(payment.createdAt, new Date(Date.now() - REUSE_PENDING_MS)),
      ),
    )
    .orderBy(desc(payment.createdAt))
    .limit(1);
  if (recent) return toPaymentView(recent);

  const description = `Servelink Pro for team ${input.access.team.slug} (${pro.periodDays} days)`;
  const [created] = await db
    .insert(payment)
    .values({
      id: newId("pay"),
      teamId,
      createdBy: input.userId,
      provider: "payment_backend",
      purpose: "plan_upgrade",
      amountCents: pro.priceCents,
      currency: pro.currency,
      paymentMethod: input.body.payment_method,
      status: "pending",
      metadata: { description, plan_upgrade: true, new_plan: "pay_as_you_go" },
    })
    .returning();
  return startWithBackend(db, ctx, created!, input.access.team.slug, description);
}

/** Sends a pending payment to the backend; on failure the payment becomes failed (502 to the caller). */
export async function startWithBackend(db: Db, ctx: TPaymentContext, p: TPaymentRow, teamSlug: string, description: string): Promise<TPaymentView> {
  try {
    const answer = await ctx.backend.initiate({
      payment_id: p.id,
      amount: fromCents(p.amountCents),
      currency: p.currency,
      payment_method: p.paymentMethod,
      description,
      callback_url: ctx.callbackUrl,
      return_url: ctx.returnUrl(teamSlug, p.id, p.purpose),
      metadata: { team_id: p.teamId, purpose: p.purpose },
    });
    const [saved] = await db
      .update(payment)
      .set({
        externalPaymentId: answer.external_payment_id,
        metadata: { ...p.metadata, payment_url: answer.payment_url, qr_code: answer.qr_code ?? null },
        updatedAt: new Date(),
      })
      .where(eq(payment.id, p.id))
      .returning();
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

/** A payment the caller may see: a member of its team (or staff allowed to see the team); otherwise NOT_FOUND. */
export async function getPaymentForUser(db: Db, input: { paymentId: string; userId: string; globalRole: TGlobalRole }) {
  const [p] = await db.select().from(payment).where(eq(payment.id, input.paymentId)).limit(1);
  if (!p) throw new DomainError("NOT_FOUND", "Payment not found.");
  const access = await getTeamAccess(db, { teamRef: p.teamId, userId: input.userId, globalRole: input.globalRole }).catch(() => null);
  if (!access) throw new DomainError("NOT_FOUND", "Payment not found.");
  return { payment: p, access };
}

/**
 * Asks the backend for a payment's status and applies the answer through the same status machine
 * as the webhook (amount and currency checked). Shared by the status check and reconciliation.
 */
export async function syncPaymentWithBackend(db: Db, ctx: TPaymentContext, p: { id: string; externalPaymentId: string }, source: "status_check" | "reconciliation") {
  const answer = await ctx.backend.status(p.externalPaymentId);
  return applyPaymentUpdate(db, p.id, {
    status: answer.status,
    amountCents: toCents(answer.amount),
    currency: answer.currency,
    transactionId: answer.transaction_id ?? null,
    source,
  });
}

/**
 * The payment's status. While it is pending or processing, the backend is asked (see
 * `syncPaymentWithBackend`). When the backend cannot be reached the stored status is answered
 * with `backend_error`.
 */
export async function getPaymentStatus(db: Db, ctx: TPaymentContext, input: { paymentId: string; userId: string; globalRole: TGlobalRole }) {
  const { payment: p } = await getPaymentForUser(db, input);
  let current = p;
  let backendError: string | null = null;
  if (!isFinalStatus(p.status) && p.externalPaymentId && p.provider === "payment_backend") {
    try {
      const applied = await syncPaymentWithBackend(db, ctx, { id: p.id, externalPaymentId: p.externalPaymentId }, "status_check");
      if (applied.outcome === "applied" || applied.outcome === "unchanged") current = applied.payment;
      if (applied.outcome === "mismatch") backendError = `The backend reports a different ${applied.detail}; the payment was left as it is.`;
    } catch (err) {
      backendError = err instanceof Error ? err.message : "The payment backend cannot be reached.";
    }
  }
  return { ...toPaymentView(current), backend_error: backendError };
}

/** Cancels a pending payment (owners and admins): the backend is asked first; anything else is a 409. */
export async function cancelPayment(db: Db, ctx: TPaymentContext, input: { paymentId: string; userId: string; globalRole: TGlobalRole }) {
  const { payment: p, access } = await getPaymentForUser(db, input);
  assertTeamRole(access, "admin", "cancel payments");
  if (p.status !== "pending") {
    throw new DomainError("CONFLICT", `Only a pending payment can be cancelled; this one is ${p.status}.`, { reason: "not_pending" });
  }
  if (p.externalPaymentId) {
    const answer = await ctx.backend.cancel(p.externalPaymentId);
    if (answer.status !== "cancelled") {
      const applied = await applyPaymentUpdate(db, p.id, { status: answer.status, source: "cancel" });
      throw new DomainError("CONFLICT", `The payment could not be cancelled: it is ${applied.outcome === "applied" || applied.outcome === "unchanged" ? applied.payment.status : answer.status}.`, {
        reason: "not_pending",
      });
    }
  }
  const applied = await applyPaymentUpdate(db, p.id, { status: "cancelled", source: "cancel" });
  if (applied.outcome !== "applied") {
    throw new DomainError("CONFLICT", "The payment changed while it was being cancelled; reload to see its status.", { reason: "not_pending" });
  }
  return toPaymentView(applied.payment);
}

/** The team's payments, newest first. */
export async function listPayments(db: Db, teamId: string, limit = 50): Promise<TPaymentView[]> {
  const rows = await db.select().from(payment).where(eq(payment.teamId, teamId)).orderBy(desc(payment.createdAt)).limit(limit);
  return rows.map(toPaymentView);
}

export type { TTeamRole };

/** The page a payer returns to after the payment page. */
export function paymentReturnPath(teamSlug: string, paymentId: string, purpose: TPaymentRow["purpose"]): string {
  return `/teams/${teamSlug}/${purpose === "plan_upgrade" ? "billing" : "addons"}?payment=${paymentId}`;
}
