import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { getJobHealth, type TJobHealth } from "@/server/services/jobs/job-runs";
import { clock } from "@/lib/clock";

export interface TReadiness {
  ready: boolean;
  checks: { database: { ok: boolean; latency_ms?: number; reason?: string } };
}

/**
 * Whether the database answers within `timeoutMs` (spec 17: only the database makes an instance
 * unready; a late job is not a reason for a load balancer to pull every instance, it is
 * `/api/health/jobs`'s). Never throws.
 */
export async function checkReadiness(getDb: () => Promise<Db>, timeoutMs = 3000): Promise<TReadiness> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = (async () => {
      const d = await getDb();
      await d.execute(sql`select 1`);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([probe, timeout]);
  } catch (err) {
    const reason = err instanceof Error ? err.message : "unknown error";
    return { ready: false, checks: { database: { ok: false, reason: `database unreachable: ${reason}` } } };
  } finally {
    clearTimeout(timer);
  }
  return { ready: true, checks: { database: { ok: true, latency_ms: Date.now() - started } } };
}

/** The jobs' heartbeats (spec 17): ok unless one has gone past its allowance without a success. */
export async function checkJobs(db: Db, now = clock.now()): Promise<{ ok: boolean; reason?: string; jobs: TJobHealth[] }> {
  const jobs = await getJobHealth(db, now);
  const stale = jobs.filter((j) => j.state === "stale");
  if (stale.length === 0) return { ok: true, jobs };
  return { ok: false, reason: `no success within the allowance: ${stale.map((j) => `${j.job} (${allowanceText(j.allowance_hours)})`).join(", ")}`, jobs };
}

/** An allowance as an operator reads it: whole hours, or minutes under an hour (deliver-webhooks' 10 min, not "0.1666… h"). */
function allowanceText(hours: number): string {
  return hours < 1 ? `${Math.round(hours * 60)} min` : `${hours} h`;
}
