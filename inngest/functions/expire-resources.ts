import { expireResources, reconcilePendingPayments } from "../../src/server/services/enforcement/expiry";
import { inngest } from "../client";
import type { TJobDeps, TJobStep } from "../deps";
import { withHeartbeat } from "../heartbeat";

export const EXPIRE_RESOURCES = "expire-resources";

/** Expiries and reminders, then reconciliation of pending payments with the backend (spec 6). */
export async function runExpireResources(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, EXPIRE_RESOURCES, step, async () => {
    const now = deps.now?.() ?? new Date();
    const expiry = (await step.run("expire-and-remind", async () => expireResources(await deps.getDb(), { now, mailer: deps.mailer?.() ?? null }))) as Record<string, unknown>;
    const reconciliation = deps.payments
      ? ((await step.run("reconcile-pending-payments", async () => reconcilePendingPayments(await deps.getDb(), deps.payments!(), now, deps.mailer?.() ?? null))) as Record<string, unknown>)
      : { skipped: "no payment backend configured" };
    return { expiry, reconciliation, at: now.toISOString() };
  });
}

export function createExpireResources(deps: TJobDeps) {
  return inngest.createFunction(
    { id: EXPIRE_RESOURCES, triggers: [{ cron: "TZ=UTC 0 5 * * *" }], retries: 3 },
    async ({ step }) => runExpireResources(deps, step as unknown as TJobStep),
  );
}
