import { finishJobRun, startJobRun } from "../src/server/services/jobs/job-runs";
import type { TJobDeps, TJobStep } from "../src/server/job-deps";
import { clock } from "../src/lib/clock";

/**
 * Records a run in `job_run` (start, end, outcome): the heartbeat that readiness checks. The
 * result of `body` is the run's detail; a failure is recorded, then rethrown for Inngest to retry.
 */
export async function withHeartbeat<T extends Record<string, unknown>>(deps: TJobDeps, job: string, step: TJobStep, body: () => Promise<T>): Promise<T> {
  const runId = (await step.run("heartbeat-start", async () => startJobRun(await deps.getDb(), job, deps.now?.() ?? clock.now()))) as string;
  try {
    const result = await body();
    await step.run("heartbeat-success", async () => finishJobRun(await deps.getDb(), runId, "success", result));
    return result;
  } catch (err) {
    await finishJobRun(await deps.getDb(), runId, "failure", { error: err instanceof Error ? err.message : String(err) }).catch(() => {});
    throw err;
  }
}
