import { evaluateUsageLimits, listTeamIdBatches } from "../../src/server/services/enforcement/usage-alerts";
import { inngest } from "../client";
import type { TJobDeps, TJobStep } from "../../src/server/job-deps";
import { withHeartbeat } from "../heartbeat";
import { clock } from "../../src/lib/clock";

export const CHECK_USAGE_LIMITS = "check-usage-limits";
export const LIMITS_BATCH_EVENT = "usage/limits.batch-requested";

/** One batch of teams through section 5 (also run by `npm run job` for fanned-out batches). */
export async function evaluateBatch(deps: TJobDeps, teamIds: string[], at: string) {
  return evaluateUsageLimits(await deps.getDb(), { teamIds, now: new Date(at), docker: deps.docker, mailer: deps.mailer?.() ?? null });
}

/** Batches of teams through section 5, one step each; answers what they did, summed. */
export async function evaluateBatches(deps: TJobDeps, step: TJobStep, batches: string[][], at: string, stepPrefix = "evaluate-batch") {
  const totals = { teams: 0, alerts: 0, suspended: 0, reactivated: 0, emailed: 0 };
  for (const [i, teamIds] of batches.entries()) {
    const r = (await step.run(`${stepPrefix}-${i}`, () => evaluateBatch(deps, teamIds, at))) as typeof totals;
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
  }
  return totals;
}

/**
 * Section 5 for every team, nightly. The team ids are loaded in batches of 1,000; one batch is
 * evaluated here, more are fanned out as events (one per batch) to `check-usage-limits-batch`.
 */
export async function runCheckUsageLimits(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, CHECK_USAGE_LIMITS, step, async () => {
    const at = (deps.now?.() ?? clock.now()).toISOString();
    const batches = (await step.run("load-team-batches", async () => listTeamIdBatches(await deps.getDb()))) as string[][];
    if (batches.length <= 1 || !step.sendEvent) {
      return { batches: batches.length, ...(await evaluateBatches(deps, step, batches, at)), at };
    }
    await step.sendEvent(
      "fan-out-batches",
      batches.map((teamIds) => ({ name: LIMITS_BATCH_EVENT, data: { teamIds, at } })),
    );
    return { batches: batches.length, fanned_out: true, at };
  });
}

export function createCheckUsageLimits(deps: TJobDeps) {
  return [
    inngest.createFunction(
      // Nightly, and at the very start of each month: projects suspended for last month's traffic
      // come back at 00:00 UTC on the 1st, not six hours later (storage keeps its last measure).
      { id: CHECK_USAGE_LIMITS, triggers: [{ cron: "TZ=UTC 0 6 * * *" }, { cron: "TZ=UTC 0 0 1 * *" }], retries: 3 },
      async ({ step }) => runCheckUsageLimits(deps, step as unknown as TJobStep),
    ),
    inngest.createFunction({ id: `${CHECK_USAGE_LIMITS}-batch`, triggers: [{ event: LIMITS_BATCH_EVENT }], retries: 3 }, async ({ event, step }) => {
      const data = event.data as { teamIds: string[]; at: string };
      return step.run("evaluate", () => evaluateBatch(deps, data.teamIds, data.at));
    }),
  ];
}
