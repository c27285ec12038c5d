import { measureProjectStorage } from "../../src/server/integrations/docker";
import { LIMIT_BATCH_SIZE } from "../../src/server/services/enforcement/usage-alerts";
import { recordProjectStorage } from "../../src/server/services/usage/record-storage";
import { inngest } from "../client";
import { evaluateBatches } from "./check-usage-limits";
import type { TJobDeps, TJobStep } from "../../src/server/job-deps";
import { withHeartbeat } from "../heartbeat";
import { clock } from "../../src/lib/clock";

export const UPDATE_PROJECT_STORAGE = "update-project-storage";

/**
 * Measures every project's labelled volumes and images with one `system df` call and writes the
 * figures (spec 3.2). If the engine cannot be reached the run fails before writing anything, so
 * yesterday's figures stay; Inngest retries it.
 */
export async function runUpdateProjectStorage(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, UPDATE_PROJECT_STORAGE, step, () => measureAndWrite(deps, step));
}

async function measureAndWrite(deps: TJobDeps, step: TJobStep) {
  const now = deps.now?.() ?? clock.now();
  const measured = (await step.run("measure-docker-storage", async () => {
    const sizes = await measureProjectStorage(deps.docker());
    return Object.fromEntries([...sizes].map(([id, bytes]) => [id, bytes.toString()]));
  })) as Record<string, string>;
  const written = (await step.run("write-storage", async () => {
    const sizes = new Map(Object.entries(measured).map(([id, bytes]) => [id, BigInt(bytes)]));
    const result = await recordProjectStorage(await deps.getDb(), sizes, now);
    return { projects: result.projects, labelledProjects: sizes.size, totalBytes: result.totalBytes.toString(), changedTeamIds: result.changedTeamIds };
  })) as { projects: number; labelledProjects: number; totalBytes: string; changedTeamIds: string[] };
  // Section 5 right after the storage run for the teams whose storage moved: alerts, suspension, or
  // projects back once data was deleted, without waiting for the 06:00 run.
  const { changedTeamIds, ...figures } = written;
  const batches = Array.from({ length: Math.ceil(changedTeamIds.length / LIMIT_BATCH_SIZE) }, (_, i) =>
    changedTeamIds.slice(i * LIMIT_BATCH_SIZE, (i + 1) * LIMIT_BATCH_SIZE),
  );
  const limits = await evaluateBatches(deps, step, batches, now.toISOString(), "evaluate-limits");
  return { ...figures, limits, at: now.toISOString() };
}

export function createUpdateProjectStorage(deps: TJobDeps) {
  return inngest.createFunction({ id: UPDATE_PROJECT_STORAGE, triggers: [{ cron: "TZ=UTC 0 4 * * *" }], retries: 3 }, async ({ step }) =>
    runUpdateProjectStorage(deps, step as unknown as TJobStep),
  );
}
