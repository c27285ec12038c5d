import { eq, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { rowsOf, type Db } from "@/server/db/client";
import { jobRun } from "@/server/db/schema";
import { clock } from "@/lib/clock";

/** The nightly jobs (spec 6). */
export const NIGHTLY_JOBS = [
  "check-inactive-projects",
  "cleanup-inactive-deployments",
  "update-project-storage",
  "expire-resources",
  "check-usage-limits",
] as const;
export const STALE_AFTER_HOURS = 26;
/** The monthly jobs (spec 16). */
export const MONTHLY_JOBS = ["issue-monthly-statements"] as const;

/**
 * How long each scheduled job may go without a success before `/api/health/jobs` says so (spec
 * 17): 26 hours for the daily ones, 32 days for the monthly one. Event-driven functions
 * (`reconcile-payment`) are not listed.
 */
export const JOB_ALLOWANCE_HOURS: Record<string, number> = {
  ...Object.fromEntries(NIGHTLY_JOBS.map((j) => [j, STALE_AFTER_HOURS])),
  ...Object.fromEntries(MONTHLY_JOBS.map((j) => [j, 32 * 24])),
};

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
  /** Hours it may go without a success. */
  allowance_hours: number;
  /** stale: no success within its allowance (counting from its first run when it never succeeded). */
  state: "ok" | "stale" | "never_run";
}

/**
 * Each scheduled job's heartbeat. A job that has run but not succeeded within its allowance is
 * `stale` (crons that silently stop are a known failure of job runners); one that never ran is
 * reported as `never_run` (a new installation) and does not count as a failure.
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
      from unnest(${`{${Object.keys(JOB_ALLOWANCE_HOURS).join(",")}}`}::text[]) as j(job)`),
  );
  const toDate = (v: string | Date | null) => (v === null ? null : new Date(v));
  return rows.map((r) => {
    const since = toDate(r.last_success_at) ?? toDate(r.first_run_at);
    const allowance = JOB_ALLOWANCE_HOURS[r.job] ?? STALE_AFTER_HOURS;
    const state = since === null ? "never_run" : now.getTime() - since.getTime() > allowance * 3_600_000 ? "stale" : "ok";
    return {
      job: r.job,
      last_success_at: toDate(r.last_success_at),
      last_run_at: toDate(r.last_run_at),
      last_outcome: r.last_outcome,
      allowance_hours: allowance,
      state,
    };
  });
}
