import { finishJobRun, startJobRun, type TJobRunStart } from "../src/server/services/jobs/job-runs";
import type { TJobDeps, TJobStep } from "../src/server/job-deps";
import { clock } from "../src/lib/clock";

/** What a run that found its job already running answers (recorded as a `skipped` run). */
export interface TSkippedRun {
  skipped: "already running";
  held_by: string;
}

/**
 * Records a run in `job_run` (start, end, outcome): the heartbeat that readiness checks. One run
 * of a job at a time, wherever it is started (spec 17): the start takes the job's lease, and a run
 * that finds it held by another is recorded as skipped and runs nothing. The result of `body` is
 * the run's detail; a failure is recorded (the lease given back), then rethrown for Inngest to retry.
 */
export async function withHeartbeat<T extends Record<string, unknown>>(
  deps: TJobDeps,
  job: string,
  step: TJobStep,
  body: () => Promise<T>,
): Promise<T | TSkippedRun> {
  const start = (await step.run("heartbeat-start", async () => startJobRun(await deps.getDb(), job, deps.now?.() ?? clock.now()))) as TJobRunStart | string;
  // A run begun before the lease (its first step remembered by Inngest as the bare run id) holds no lease.
  const { runId, heldBy } = typeof start === "string" ? { runId: start, heldBy: null } : start;
  if (heldBy !== null) return { skipped: "already running", held_by: heldBy };
  try {
    const result = await body();
    await step.run("heartbeat-success", async () => finishJobRun(await deps.getDb(), runId, "success", result));
    return result;
  } catch (err) {
    await finishJobRun(await deps.getDb(), runId, "failure", { error: err instanceof Error ? err.message : String(err) }).catch(() => {});
    throw err;
  }
}
