import { previousMonth } from "../../src/lib/documents";
import { deliverDocuments } from "../../src/server/services/documents/documents";
import { issueMonthlyStatements } from "../../src/server/services/documents/statements";
import { inngest } from "../client";
import type { TJobDeps, TJobStep } from "../../src/server/job-deps";
import { withHeartbeat } from "../heartbeat";
import { clock } from "../../src/lib/clock";

export const ISSUE_MONTHLY_STATEMENTS = "issue-monthly-statements";

/**
 * The statements of the month that just ended (spec 16), on the 1st at 07:00 UTC: one per team with
 * a payment or a balance entry in it, idempotent per team and month (a second run issues none);
 * then every document not yet rendered or e-mailed goes out.
 */
export async function runIssueMonthlyStatements(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, ISSUE_MONTHLY_STATEMENTS, step, async () => {
    const now = deps.now?.() ?? clock.now();
    const { month } = previousMonth(now);
    const issued = (await step.run("issue-statements", async () => issueMonthlyStatements(await deps.getDb(), { month, now }))) as Awaited<
      ReturnType<typeof issueMonthlyStatements>
    >;
    const delivered = (await step.run("deliver-documents", async () =>
      deliverDocuments(await deps.getDb(), deps.mailer?.() ?? null, { limit: 10_000 }),
    )) as Awaited<ReturnType<typeof deliverDocuments>>;
    return { ...issued, delivered, at: now.toISOString() };
  });
}

export function createIssueMonthlyStatements(deps: TJobDeps) {
  return inngest.createFunction({ id: ISSUE_MONTHLY_STATEMENTS, triggers: [{ cron: "TZ=UTC 0 7 1 * *" }], retries: 3 }, async ({ step }) =>
    runIssueMonthlyStatements(deps, step as unknown as TJobStep),
  );
}
