import type { TJobDeps, TJobStep } from "../src/server/job-deps";
import { CHECK_INACTIVE_PROJECTS, createCheckInactiveProjects, runCheckInactiveProjects } from "./functions/check-inactive-projects";
import { CHECK_USAGE_LIMITS, createCheckUsageLimits, runCheckUsageLimits } from "./functions/check-usage-limits";
import { DELIVER_WEBHOOKS, createDeliverWebhooks, runDeliverWebhooks } from "./functions/deliver-webhooks";
import { CLEANUP_INACTIVE_DEPLOYMENTS, createCleanupInactiveDeployments, runCleanupInactiveDeployments } from "./functions/cleanup-inactive-deployments";
import { EXPIRE_RESOURCES, createExpireResources, runExpireResources } from "./functions/expire-resources";
import { RECONCILE_PAYMENT, createReconcilePayment } from "./functions/reconcile-payment";
import { reconcilePendingPayments } from "../src/server/services/enforcement/expiry";
import { clock } from "../src/lib/clock";
import { ISSUE_MONTHLY_STATEMENTS, createIssueMonthlyStatements, runIssueMonthlyStatements } from "./functions/issue-monthly-statements";
import { UPDATE_PROJECT_STORAGE, createUpdateProjectStorage, runUpdateProjectStorage } from "./functions/update-project-storage";

/** Every scheduled function, built on the given dependencies (served at /api/inngest). */
export function createFunctions(deps: TJobDeps) {
  return [
    createCheckInactiveProjects(deps),
    createCleanupInactiveDeployments(deps),
    createUpdateProjectStorage(deps),
    createExpireResources(deps),
    createReconcilePayment(deps),
    createIssueMonthlyStatements(deps),
    createDeliverWebhooks(deps),
    ...createCheckUsageLimits(deps),
  ];
}

/** The same jobs as plain functions, for `npm run job -- <name>`. */
export const JOBS: Record<string, (deps: TJobDeps, step: TJobStep) => Promise<unknown>> = {
  [CHECK_INACTIVE_PROJECTS]: runCheckInactiveProjects,
  [CLEANUP_INACTIVE_DEPLOYMENTS]: runCleanupInactiveDeployments,
  [UPDATE_PROJECT_STORAGE]: runUpdateProjectStorage,
  [EXPIRE_RESOURCES]: runExpireResources,
  [CHECK_USAGE_LIMITS]: runCheckUsageLimits,
  [ISSUE_MONTHLY_STATEMENTS]: runIssueMonthlyStatements,
  [DELIVER_WEBHOOKS]: runDeliverWebhooks,
  // From the command line, every open payment at once (the function itself follows one payment from its event).
  [RECONCILE_PAYMENT]: async (deps, step) => {
    const payments = deps.payments?.() ?? null;
    if (!payments) return { skipped: "no payment backend configured" };
    return step.run("reconcile-open-payments", async () =>
      reconcilePendingPayments(await deps.getDb(), payments, deps.now?.() ?? clock.now(), deps.mailer?.() ?? null),
    );
  },
};
