import { deactivateIdleProjects } from "../../src/server/services/enforcement/inactivity";
import { inngest } from "../client";
import type { TJobDeps, TJobStep } from "../../src/server/job-deps";
import { withHeartbeat } from "../heartbeat";
import { clock } from "../../src/lib/clock";

export const CHECK_INACTIVE_PROJECTS = "check-inactive-projects";

/** Free projects idle for 14 days become inactive, containers stopped; warned 3 days before (spec 6). */
export async function runCheckInactiveProjects(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, CHECK_INACTIVE_PROJECTS, step, async () => {
    const now = deps.now?.() ?? clock.now();
    return (await step.run("deactivate-idle-projects", async () =>
      deactivateIdleProjects(await deps.getDb(), { now, docker: deps.docker, mailer: deps.mailer?.() ?? null }),
    )) as Record<string, unknown>;
  });
}

export function createCheckInactiveProjects(deps: TJobDeps) {
  return inngest.createFunction({ id: CHECK_INACTIVE_PROJECTS, triggers: [{ cron: "TZ=UTC 0 2 * * *" }], retries: 3 }, async ({ step }) =>
    runCheckInactiveProjects(deps, step as unknown as TJobStep),
  );
}
