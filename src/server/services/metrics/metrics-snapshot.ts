import { sql } from "drizzle-orm";
import { clock } from "@/lib/clock";
import { PROJECT_STATUSES, type TProjectStatus } from "@/lib/projects";
import { SLA_HOURS, TICKET_PRIORITIES, type TTicketPriority } from "@/lib/support";
import { pgArray, rowsOf, type Db } from "@/server/db/client";
import { JOB_OUTCOMES } from "@/server/db/schema";
import { getJobHealth, JOB_ALLOWANCE_HOURS } from "@/server/services/jobs/job-runs";

/** The figures GET /api/metrics reads from the database at each scrape (spec 17): the same for every process. */
export interface TMetricsSnapshot {
  payments: { provider: string; method: string; status: string; count: number }[];
  /** Every priority, 0 when none: open counts open, in progress and waiting; breached, those past their first-response target. */
  tickets: { priority: TTicketPriority; open: number; breached: number }[];
  projects: { status: TProjectStatus; count: number }[];
  /** Every scheduled job, with its runs by outcome (0 when none). */
  jobs: { job: string; allowanceSeconds: number; lastSuccessAt: Date | null; runs: Record<string, number> }[];
}

/**
 * Reads the metrics' database gauges with one grouped query per family; each scans at most the
 * open tickets, the scheduled jobs' runs, and the payment and project tables once. Breaches follow
 * `slaFor` (lib/support): answered after the target, or still unanswered past it at `now`.
 */
export async function readMetricsSnapshot(db: Db, now = clock.now()): Promise<TMetricsSnapshot> {
  const jobs = Object.keys(JOB_ALLOWANCE_HOURS);
  const [payments, tickets, projects, runs, health] = await Promise.all([
    db.execute(sql`
      select provider, payment_method as method, status, count(*)::int as count
      from payment group by provider, payment_method, status`),
    db.execute(sql`
      select priority, count(*)::int as open,
             (count(*) filter (where coalesce(first_response_at, ${now.toISOString()}::timestamptz)
                > created_at + make_interval(hours => (${JSON.stringify(SLA_HOURS)}::jsonb ->> priority)::int)))::int as breached
      from support_ticket where status in ('open', 'in_progress', 'waiting') group by priority`),
    db.execute(sql`select status, count(*)::int as count from project group by status`),
    db.execute(sql`
      select job, outcome, count(*)::int as count
      from job_run where job = any(${pgArray(jobs)}::text[]) group by job, outcome`),
    getJobHealth(db, now),
  ]);

  const ticketRows = new Map(rowsOf<{ priority: TTicketPriority; open: number; breached: number }>(tickets).map((r) => [r.priority, r]));
  const projectRows = new Map(rowsOf<{ status: TProjectStatus; count: number }>(projects).map((r) => [r.status, r.count]));
  const runRows = rowsOf<{ job: string; outcome: string; count: number }>(runs);
  const lastSuccess = new Map(health.map((h) => [h.job, h.last_success_at]));
  return {
    payments: rowsOf<TMetricsSnapshot["payments"][number]>(payments),
    tickets: TICKET_PRIORITIES.map((priority) => ({ priority, open: ticketRows.get(priority)?.open ?? 0, breached: ticketRows.get(priority)?.breached ?? 0 })),
    projects: PROJECT_STATUSES.map((status) => ({ status, count: projectRows.get(status) ?? 0 })),
    jobs: jobs.map((job) => ({
      job,
      allowanceSeconds: JOB_ALLOWANCE_HOURS[job]! * 3600,
      lastSuccessAt: lastSuccess.get(job) ?? null,
      runs: Object.fromEntries(JOB_OUTCOMES.map((o) => [o, runRows.find((r) => r.job === job && r.outcome === o)?.count ?? 0])),
    })),
  };
}
