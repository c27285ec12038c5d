import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import type { DbHandle } from "@/server/db/client";
import { checkReadiness } from "./readiness";
import { clock } from "@/lib/clock";

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb(2);
});
afterAll(async () => {
  await h.close();
});

describe("readiness and the jobs' heartbeat", () => {
  it("is ready while every nightly job succeeded within 26 hours, and 503-worthy when one has not", async () => {
    // This run's database is shared: judge "now" far enough ahead that only our rows matter.
    const now = new Date(clock.nowMs() + 400 * 86_400_000);
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
    for (const job of ["check-inactive-projects", "cleanup-inactive-deployments", "update-project-storage", "expire-resources", "check-usage-limits"]) {
      await h.db.execute(
        sql`insert into job_run (id, job, started_at, finished_at, outcome) values (${`job_${job}_ok`}, ${job}, ${at(20)}::timestamptz, ${at(20)}::timestamptz, 'success')`,
      );
    }
    const ok = await checkReadiness(async () => h.db, 3000, now);
    expect(ok.ready).toBe(true);
    expect(ok.checks.jobs!.jobs.every((j) => j.state === "ok")).toBe(true);

    const later = new Date(now.getTime() + 7 * 3_600_000); // 27 h after the last success
    await h.db.execute(
      sql`insert into job_run (id, job, started_at, finished_at, outcome) values ('job_cul_fail', 'check-usage-limits', ${later.toISOString()}::timestamptz, ${later.toISOString()}::timestamptz, 'failure')`,
    );
    for (const job of ["check-inactive-projects", "cleanup-inactive-deployments", "update-project-storage", "expire-resources"]) {
      await h.db.execute(
        sql`insert into job_run (id, job, started_at, finished_at, outcome) values (${`job_${job}_later`}, ${job}, ${later.toISOString()}::timestamptz, ${later.toISOString()}::timestamptz, 'success')`,
      );
    }
    const stale = await checkReadiness(async () => h.db, 3000, later);
    expect(stale.ready).toBe(false);
    expect(stale.checks.jobs!.reason).toBe("no success for 26 hours: check-usage-limits");
    expect(stale.checks.jobs!.jobs.find((j) => j.job === "check-usage-limits")).toMatchObject({ state: "stale", last_outcome: "failure" });
  });

  it("reports an unreachable database", async () => {
    const r = await checkReadiness(async () => {
      throw new Error("connection refused");
    });
    expect(r).toEqual({ ready: false, checks: { database: { ok: false, reason: "database unreachable: connection refused" } } });
  });
});
