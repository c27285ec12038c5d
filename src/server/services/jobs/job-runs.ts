import { eq, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { rowsOf, type Db } from "@/server/db/client";
import { jobRun } from "@/server/db/schema";
import { clock } from "@/lib/clock";

/** The nightly jobs watched by readiness (spec 6). */
export const NIGHTLY_JOBS = [
  "check-inactive-projects",
  "cleanup-inactive-deployments",
  "update-project-storage",
  "expire-resources",
  "check-usage-limits",
] as const;
export const STALE_AFTER_HOURS = 26;

export async function startJobRun(db: Db, job: string, now = clock.now()): Promise<string> {
  const id = newId("job");
  await db.insert(jobRun).values({ id, job, startedAt: now, outcome: "running" });
  return id;
}

export async function finishJobRun(db: Db, id: string, outcome: "success" | "failure", detail: Record<string, unknown>, now = clock.now()) {
  await db.update(jobRun).set({ finishedAt: now, outcome, detail }).where(eq(jobRun.id, id));
}

export interface TJobHealth {
  job: string;
  last_success_at: Date | null;
  last_run_at: Date | null;
  last_outcome: string | null;
  /** stale: no success for 26 hours (counting from its first run when it never succeeded). */
  state: "ok" | "stale" | "never_run";
}

/**
 * Each nightly job's heartbeat. A job that has run but not succeeded for 26 hours is `stale`
 * (crons that silently stop are a known failure of job runners); one that never ran is reported
 * as `never_run` (a new installation) and does not count as a failure.
 */
export async function getJobHealth(db: Db, now = clock.now()): Promise<TJobHealth[]> {
  const rows = rowsOf<{
    job: string;
    last_success_at: string | Date | null;
    first_run_at: string | Date | null;
    last_run_at: string | Date | null;
    last_outcome: string | null;
  }>(
    await db.execute(sql`
      select j.job,
             (select max(started_at) from job_run r where r.job = j.job and r.outcome = 'success') as last_success_at,
             (select min(started_at) from job_run r where r.job = j.job) as first_run_at,
             (select started_at from job_run r where r.job = j.job order by started_at desc limit 1) as last_run_at,
             (select outcome from job_run r where r.job = j.job order by started_at desc limit 1) as last_outcome
      from unnest(${`{${NIGHTLY_JOBS.join(",")}}`}::text[]) as j(job)`),
  );
  const toDate = (v: string | Date | null) => (v === null ? null : new Date(v));
  return rows.map((r) => {
    const since = toDate(r.last_success_at) ?? toDate(r.first_run_at);
    const state = since === null ? "never_run" : now.getTime() - since.getTime() > STALE_AFTER_HOURS * 3_600_000 ? "stale" : "ok";
    return { job: r.job, last_success_at: toDate(r.last_success_at), last_run_at: toDate(r.last_run_at), last_outcome: r.last_outcome, state };
  });
}
