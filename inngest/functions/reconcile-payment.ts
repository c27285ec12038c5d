import { eq } from "drizzle-orm";
import { RECONCILE_BACKOFF_MS } from "../../src/lib/billing-rules";
import { clock } from "../../src/lib/clock";
import { isFinalStatus } from "../../src/lib/payments";
import { payment } from "../../src/server/db/schema";
import { followUpPaymentChange } from "../../src/server/follow-ups";
import type { TJobDeps } from "../../src/server/job-deps";
import { checkOpenPayment, type TPaymentInitiatedEvent } from "../../src/server/services/payments/payments";
import { inngest, PAYMENT_INITIATED } from "../client";

export const RECONCILE_PAYMENT = "reconcile-payment";

/** The steps `reconcile-payment` uses (Inngest's, or InngestTestEngine's). */
export interface TReconcileStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<unknown>;
  sleepUntil(id: string, until: Date | string): Promise<unknown>;
}

/**
 * When to ask (spec 14.3): 30 s, 1 min, 2 min and 5 min apart from the start, each no later than
 * the deadline, then at the deadline itself.
 */
export function reconcileSchedule(initiatedAt: Date, deadline: Date): Date[] {
  const times: Date[] = [];
  let at = initiatedAt.getTime();
  for (const gap of RECONCILE_BACKOFF_MS) {
    at += gap;
    if (at >= deadline.getTime()) break;
    times.push(new Date(at));
  }
  times.push(deadline);
  return times;
}

/** One check of the payment, as any status read does (the provider asked, ended past its deadline). */
async function checkPayment(deps: TJobDeps, paymentId: string): Promise<{ status: string; final: boolean; moved: boolean }> {
  const db = await deps.getDb();
  const [p] = await db.select().from(payment).where(eq(payment.id, paymentId)).limit(1);
  if (!p) return { status: "missing", final: true, moved: false };
  if (isFinalStatus(p.status)) return { status: p.status, final: true, moved: false };
  const ctx = deps.payments?.() ?? null;
  if (!ctx) return { status: p.status, final: true, moved: false };
  const { result } = await checkOpenPayment(db, ctx, p, "reconciliation", deps.now?.() ?? clock.now());
  const now = result && result.outcome !== "not_found" ? result.payment : p;
  const moved = result?.outcome === "applied";
  if (moved && isFinalStatus(now.status)) {
    // As after a webhook: the notice e-mailed, a suspension maybe lifted.
    await followUpPaymentChange({ getDb: deps.getDb, docker: deps.docker, mailer: deps.mailer ?? (() => null) }, now.teamId);
  }
  return { status: now.status, final: isFinalStatus(now.status), moved };
}

/**
 * Follows one payment to its end without a callback (spec 14.3): after `payment/initiated`, its
 * status is asked on the backoff of `reconcileSchedule`, and at the deadline the payment ends
 * (failed, reason expired) if nothing final came. Stops as soon as the payment is final.
 */
export async function runReconcilePayment(deps: TJobDeps, step: TReconcileStep, event: TPaymentInitiatedEvent) {
  const deadline = new Date(event.expires_at);
  const initiatedAt = new Date(event.initiated_at);
  const schedule = reconcileSchedule(initiatedAt, deadline);
  let last: unknown = null;
  for (const [i, at] of schedule.entries()) {
    await step.sleepUntil(`wait-${i}`, at);
    last = await step.run(`check-${i}`, () => checkPayment(deps, event.payment_id));
    if ((last as { final: boolean }).final) return { payment_id: event.payment_id, checks: i + 1, ...(last as object) };
  }
  return { payment_id: event.payment_id, checks: schedule.length, ...(last as object) };
}

export function createReconcilePayment(deps: TJobDeps) {
  return inngest.createFunction(
    { id: RECONCILE_PAYMENT, triggers: [{ event: PAYMENT_INITIATED }], retries: 3, concurrency: { limit: 20 } },
    async ({ event, step }) => runReconcilePayment(deps, step as unknown as TReconcileStep, event.data as TPaymentInitiatedEvent),
  );
}
