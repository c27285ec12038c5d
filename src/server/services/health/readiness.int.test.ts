import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import type { DbHandle } from "@/server/db/client";
import { checkJobs, checkReadiness } from "./readiness";
import { clock } from "@/lib/clock";

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb(2);
});
afterAll(async () => {
  await h.close();
});

const DAILY = ["check-inactive-projects", "cleanup-inactive-deployments", "update-project-storage", "expire-resources", "check-usage-limits"];
const ran = (id: string, job: string, at: Date, outcome: "success" | "failure" = "success") =>
  h.db.execute(
    sql`insert into job_run (id, job, started_at, finished_at, outcome) values (${id}, ${job}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz, ${outcome})`,
  );

describe("the jobs' heartbeats (/api/health/jobs)", () => {
  it("ok while each job succeeded within its allowance: 26 hours for the daily ones, 32 days for the monthly statements", async () => {
    // This file's database is its own: judge "now" far enough ahead that only these rows matter.
    const now = new Date(clock.nowMs() + 400 * 86_400_000);
    const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    for (const job of DAILY) await ran(`job_${job}_ok`, job, ago(20));
    await ran("job_stmt_ok", "issue-monthly-statements", ago(31 * 24));
    await ran("job_wh_ok", "deliver-webhooks", ago(0.1)); // every minute: 10 minutes' allowance
    const ok = await checkJobs(h.db, now);
    expect(ok.ok).toBe(true);
    expect(ok.jobs.every((j) => j.state === "ok")).toBe(true);
    expect(ok.jobs.find((j) => j.job === "issue-monthly-statements")).toMatchObject({ allowance_hours: 768 });
    expect(ok.jobs.find((j) => j.job === "expire-resources")).toMatchObject({ allowance_hours: 26 });
    expect(ok.jobs.find((j) => j.job === "deliver-webhooks")).toMatchObject({ allowance_hours: 10 / 60 });
    expect(ok.jobs.map((j) => j.job)).not.toContain("reconcile-payment");

    const later = new Date(now.getTime() + 7 * 3_600_000); // 27 h after the daily successes, 31 days 7 h after the statements
    await ran("job_cul_fail", "check-usage-limits", later, "failure");
    for (const job of DAILY.filter((j) => j !== "check-usage-limits")) await ran(`job_${job}_later`, job, later);
    await ran("job_wh_later", "deliver-webhooks", later);
    const stale = await checkJobs(h.db, later);
    expect(stale.ok).toBe(false);
    expect(stale.reason).toBe("no success within the allowance: check-usage-limits (26 h)");
    expect(stale.jobs.find((j) => j.job === "check-usage-limits")).toMatchObject({ state: "stale", last_outcome: "failure" });

    // A month and two days without statements: the monthly job is late too.
    const monthLater = new Date(later.getTime() + 2 * 86_400_000);
    for (const job of DAILY) await ran(`job_${job}_month`, job, monthLater);
    await ran("job_wh_month", "deliver-webhooks", monthLater);
    const late = await checkJobs(h.db, monthLater);
    expect(late.reason).toBe("no success within the allowance: issue-monthly-statements (768 h)");
  });
});

describe("readiness (/api/health/ready)", () => {
  it("is ready while the database answers, whatever the jobs' state (a late job does not pull an instance out)", async () => {
    await ran("job_never_again", "expire-resources", new Date(clock.nowMs() - 900 * 86_400_000), "failure");
    expect(await checkReadiness(async () => h.db)).toMatchObject({ ready: true, checks: { database: { ok: true } } });
  });

  it("reports an unreachable database", async () => {
    const r = await checkReadiness(async () => {
      throw new Error("connection refused");
    });
    expect(r).toEqual({ ready: false, checks: { database: { ok: false, reason: "database unreachable: connection refused" } } });
  });
});
