import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { getJobHealth, type TJobHealth } from "@/server/services/jobs/job-runs";
import { clock } from "@/lib/clock";

export interface TReadiness {
  ready: boolean;
  checks: { database: { ok: boolean; latency_ms?: number; reason?: string }; jobs?: { ok: boolean; reason?: string; jobs: TJobHealth[] } };
}

/**
 * Whether the database answers within `timeoutMs`, and whether every nightly job has succeeded in
 * the last 26 hours (a job that never ran does not count against it). Never throws.
 */
export async function checkReadiness(getDb: () => Promise<Db>, timeoutMs = 3000, now = clock.now()): Promise<TReadiness> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let db: Db;
  try {
    const probe = (async () => {
      const d = await getDb();
      await d.execute(sql`select 1`);
      return d;
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    db = await Promise.race([probe, timeout]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : "unknown error";
    return { ready: false, checks: { database: { ok: false, reason: `database unreachable: ${reason}` } } };
  } finally {
    clearTimeout(timer);
  }
  const database = { ok: true, latency_ms: Date.now() - started };
  const jobs = await getJobHealth(db, now);
  const stale = jobs.filter((j) => j.state === "stale");
  const jobsCheck = stale.length ? { ok: false, reason: `no success for 26 hours: ${stale.map((j) => j.job).join(", ")}`, jobs } : { ok: true, jobs };
  return { ready: jobsCheck.ok, checks: { database, jobs: jobsCheck } };
}
