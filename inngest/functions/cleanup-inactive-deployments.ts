import { cleanupInactiveDeployments } from "../../src/server/services/enforcement/inactivity";
import { inngest } from "../client";
import type { TJobDeps, TJobStep } from "../../src/server/job-deps";
import { withHeartbeat } from "../heartbeat";
import { clock } from "../../src/lib/clock";

export const CLEANUP_INACTIVE_DEPLOYMENTS = "cleanup-inactive-deployments";

/** Stopped containers and unused images of projects inactive for 30 days are removed; never volumes. */
export async function runCleanupInactiveDeployments(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, CLEANUP_INACTIVE_DEPLOYMENTS, step, async () => {
    const now = deps.now?.() ?? clock.now();
    return (await step.run("remove-stopped-deployments", async () => cleanupInactiveDeployments(await deps.getDb(), { now, docker: deps.docker }))) as Record<
      string,
      unknown
    >;
  });
}

export function createCleanupInactiveDeployments(deps: TJobDeps) {
  return inngest.createFunction({ id: CLEANUP_INACTIVE_DEPLOYMENTS, triggers: [{ cron: "TZ=UTC 0 3 * * *" }], retries: 3 }, async ({ step }) =>
    runCleanupInactiveDeployments(deps, step as unknown as TJobStep),
  );
}
