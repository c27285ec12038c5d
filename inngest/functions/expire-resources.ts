import { expireResources, reconcilePendingPayments } from "../../src/server/services/enforcement/expiry";
import { teamsWithSuspendedProjects } from "../../src/server/services/enforcement/usage-alerts";
import { inngest } from "../client";
import type { TJobDeps, TJobStep } from "../../src/server/job-deps";
import { withHeartbeat } from "../heartbeat";
import { evaluateBatch } from "./check-usage-limits";
import { clock } from "../../src/lib/clock";
import { deliverDocuments } from "../../src/server/services/documents/documents";
import { issueMissingReceipts } from "../../src/server/services/documents/issue";

export const EXPIRE_RESOURCES = "expire-resources";
/** At most this many documents rendered and e-mailed per run (about three minutes on 2 cores: 35 ms a PDF). */
export const DELIVERY_BATCH = 5_000;

/** Expiries and reminders, then reconciliation of pending payments with the backend (spec 6). */
export async function runExpireResources(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, EXPIRE_RESOURCES, step, async () => {
    const now = deps.now?.() ?? clock.now();
    const expiry = (await step.run("expire-and-remind", async () => expireResources(await deps.getDb(), { now, mailer: deps.mailer?.() ?? null }))) as Record<
      string,
      unknown
    >;
    // Receipts for any completed payment without one (spec 16: every completed payment has one), then
    // the PDFs of those and of the renewals just paid from the balance, after their commits.
    const receipts = (await step.run("issue-missing-receipts", async () => issueMissingReceipts(await deps.getDb(), now))) as number;
    // Rendering takes about 35 ms a PDF: a day with thousands of renewals renders DELIVERY_BATCH per
    // run; the rest are rendered when downloaded, or by the next runs.
    const delivered = (await step.run("deliver-documents", async () =>
      deliverDocuments(await deps.getDb(), deps.mailer?.() ?? null, { limit: DELIVERY_BATCH }),
    )) as Awaited<ReturnType<typeof deliverDocuments>>;
    // A server without payments (no backend, no sandbox) has nothing to reconcile: not a failure.
    const payments = deps.payments?.() ?? null;
    if (!payments)
      return { expiry, receipts_issued: receipts, documents: delivered, reconciliation: { skipped: "no payment backend configured" }, at: now.toISOString() };
    const reconciliation = (await step.run("reconcile-pending-payments", async () =>
      reconcilePendingPayments(await deps.getDb(), payments, now, deps.mailer?.() ?? null),
    )) as Awaited<ReturnType<typeof reconcilePendingPayments>>;
    // A payment the webhook never reported, now completed: its team's suspended projects come back
    // now, as they would have on the webhook, not at the limits run an hour later.
    const lifted = reconciliation.completed_team_ids.length
      ? await step.run("lift-suspensions", async () => {
          const teamIds = await teamsWithSuspendedProjects(await deps.getDb(), reconciliation.completed_team_ids);
          return evaluateBatch(deps, teamIds, now.toISOString());
        })
      : null;
    return { expiry, receipts_issued: receipts, documents: delivered, reconciliation, lifted, at: now.toISOString() };
  });
}

export function createExpireResources(deps: TJobDeps) {
  return inngest.createFunction({ id: EXPIRE_RESOURCES, triggers: [{ cron: "TZ=UTC 0 5 * * *" }], retries: 3 }, async ({ step }) =>
    runExpireResources(deps, step as unknown as TJobStep),
  );
}
