import { eq, lte, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { rowsOf, type Db } from "@/server/db/client";
import { jobLock, jobRun } from "@/server/db/schema";
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
 * 17): 26 hours for the daily ones, 32 days for the monthly one, 10 minutes for deliver-webhooks. Event-driven functions
 * (`reconcile-payment`) are not listed.
 */
export const JOB_ALLOWANCE_HOURS: Record<string, number> = {
  ...Object.fromEntries(NIGHTLY_JOBS.map((j) => [j, STALE_AFTER_HOURS])),
  ...Object.fromEntries(MONTHLY_JOBS.map((j) => [j, 32 * 24])),
  // Every minute (spec 18.1): 10 minutes without a success is already late.
  "deliver-webhooks": 10 / 60,
};

/**
 * How long a run holds its job's lease (job_lock) unless it ends first: a run that crashed (its
 * process killed) blocks the job that long, then the next run takes it over. Longer than any job
 * takes (the longest, expire-resources with a full batch of documents, takes minutes).
 */
export const JOB_LEASE_MS = 30 * 60_000;

export interface TJobRunStart {
  runId: string;
  /** The run holding the job's lease when this one found it taken (this run is then recorded as skipped); null: this run holds it. */
  heldBy: string | null;
}

/**
 * Starts a run of `job`, one at a time across every process (spec 17): it takes the job's lease
 * (a new row, or a row whose lease has expired) and records the run as running. When another run
 * holds the lease, this one is recorded as `skipped` (finished at once, its detail saying which run
 * holds it) and must do nothing else.
 */
export async function startJobRun(db: Db, job: string, now = clock.now(), leaseMs = JOB_LEASE_MS): Promise<TJobRunStart> {
  const runId = newId("job");
  const lease = { runId, acquiredAt: now, expiresAt: new Date(now.getTime() + leaseMs) };
  return db.transaction(async (tx) => {
    // Atomic: of two runs inserting at once, the second waits for the first's row, then finds it held.
    const taken = await tx
      .insert(jobLock)
      .values({ job, ...lease })
      .onConflictDoUpdate({ target: jobLock.job, set: lease, setWhere: lte(jobLock.expiresAt, now) })
      .returning({ runId: jobLock.runId });
    if (taken.length > 0) {
      await tx.insert(jobRun).values({ id: runId, job, startedAt: now, outcome: "running" });
      return { runId, heldBy: null };
    }
    const [holder] = await tx.select().from(jobLock).where(eq(jobLock.job, job));
    const heldBy = holder?.runId ?? "unknown";
    await tx.insert(jobRun).values({
      id: runId,
      job,
      startedAt: now,
      finishedAt: now,
      outcome: "skipped",
      detail: { skipped: "already running", held_by: heldBy, held_until: holder?.expiresAt.toISOString() ?? null },
    });
    return { runId, heldBy };
  });
}

/** Ends a run that held its job's lease: records the outcome and gives the lease back. */
export async function finishJobRun(db: Db, id: string, outcome: "success" | "failure", detail: Record<string, unknown>, now = clock.now()) {
  await db.update(jobRun).set({ finishedAt: now, outcome, detail }).where(eq(jobRun.id, id));
  await db.delete(jobLock).where(eq(jobLock.runId, id));
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
 * reported as `never_run` (a new installation) and does not count as a failure. A run skipped because
 * another held the job (outcome `skipped`) did none of the job's work: it is neither a success nor
 * the last run here (the run it deferred to is).
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
             (select min(started_at) from job_run r where r.job = j.job and r.outcome <> 'skipped') as first_run_at,
             (select started_at from job_run r where r.job = j.job and r.outcome <> 'skipped' order by started_at desc limit 1) as last_run_at,
             (select outcome from job_run r where r.job = j.job and r.outcome <> 'skipped' order by started_at desc limit 1) as last_outcome
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
