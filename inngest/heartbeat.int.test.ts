// One run of a job at a time across processes (spec 17): two connection pools on the real Postgres
// stand for two processes (or a process and `npm run job`); the runs go through withHeartbeat as
// every job does, with a plain step runner as `npm run job` uses.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../test/db";
import { openDatabase, type DbHandle } from "../src/server/db/client";
import { migrateDatabase } from "../src/server/db/migrate";
import { jobLock, jobRun } from "../src/server/db/schema";
import { getJobHealth, JOB_LEASE_MS } from "../src/server/services/jobs/job-runs";
import type { TJobDeps, TJobStep } from "../src/server/job-deps";
import { withHeartbeat } from "./heartbeat";

let a: DbHandle;
let b: DbHandle;
beforeAll(async () => {
  a = await openTestDb(3);
  b = await openTestDb(3);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const step: TJobStep = { run: async (_id, fn) => fn() };
const depsOf = (h: DbHandle, at?: Date): TJobDeps => ({
  getDb: async () => h.db,
  docker: () => {
    throw new Error("not used");
  },
  now: at ? () => at : undefined,
});
const runsOf = (h: DbHandle, job: string) => h.db.select().from(jobRun).where(eq(jobRun.job, job));

describe("withHeartbeat's lease", () => {
  it("of two runs of one job started at once on two pools, one does the work and the other is recorded as skipped", async () => {
    const job = `lease-test-${Date.now().toString(36)}`;
    let worked = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const work = async () => {
      worked += 1;
      await held; // the first run is still running when the second starts
      return { done: true };
    };
    const first = withHeartbeat(depsOf(a), job, step, work);
    const second = withHeartbeat(depsOf(b), job, step, work);
    // Both have started (one holds the lease, the other has been refused it) before the work ends.
    await expect.poll(async () => (await runsOf(a, job)).length).toBe(2);
    release();
    const results = await Promise.all([first, second]);
    expect(worked).toBe(1);
    expect(results).toContainEqual({ done: true });
    expect(results).toContainEqual({ skipped: "already running", held_by: expect.stringMatching(/^job_/) });
    const runs = await runsOf(a, job);
    const success = runs.find((r) => r.outcome === "success")!;
    const skipped = runs.find((r) => r.outcome === "skipped")!;
    expect(runs.map((r) => r.outcome).sort()).toEqual(["skipped", "success"]);
    expect(skipped.detail).toMatchObject({ skipped: "already running", held_by: success.id });
    expect(skipped.finishedAt).not.toBeNull();
    // The lease is given back: the next run works.
    expect(await a.db.select().from(jobLock).where(eq(jobLock.job, job))).toEqual([]);
    expect(await withHeartbeat(depsOf(b), job, step, work)).toEqual({ done: true });
    expect(worked).toBe(2);
  });

  it("a lease left by a run that crashed blocks the job until it expires, then the next run takes it over", async () => {
    const job = `lease-crash-${Date.now().toString(36)}`;
    const t0 = new Date("2026-03-01T05:00:00Z");
    let worked = 0;
    // The crashed run: it took the lease, then its process died (its work never ends, nothing is released).
    void withHeartbeat(depsOf(a, t0), job, step, () => new Promise<Record<string, unknown>>(() => {}));
    await expect.poll(async () => (await a.db.select().from(jobLock).where(eq(jobLock.job, job))).length).toBe(1);
    const work = async () => ({ worked: ++worked });
    expect(await withHeartbeat(depsOf(b, new Date(t0.getTime() + JOB_LEASE_MS - 1_000)), job, step, work)).toMatchObject({ skipped: "already running" });
    expect(worked).toBe(0);
    expect(await withHeartbeat(depsOf(b, new Date(t0.getTime() + JOB_LEASE_MS + 1_000)), job, step, work)).toEqual({ worked: 1 });
    const runs = await runsOf(a, job);
    expect(runs.map((r) => r.outcome).sort()).toEqual(["running", "skipped", "success"]);
  });

  it("a failed run gives the lease back (recorded as a failure) so that the next run is not blocked", async () => {
    const job = `lease-fail-${Date.now().toString(36)}`;
    await expect(withHeartbeat(depsOf(a), job, step, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withHeartbeat(depsOf(b), job, step, async () => ({ ok: 1 }))).toEqual({ ok: 1 });
    expect((await runsOf(a, job)).map((r) => r.outcome).sort()).toEqual(["failure", "success"]);
  });

  it("/api/health/jobs' figures: a skipped run is not a success, nor the job's last run", async () => {
    const job = "check-inactive-projects";
    const t0 = new Date("2026-03-01T02:00:00Z");
    // Only a skipped run: the job has not run (it deferred to a run that left no record here).
    await a.db.insert(jobRun).values({ id: "job_skiponly", job, startedAt: t0, finishedAt: t0, outcome: "skipped", detail: {} });
    expect((await getJobHealth(a.db, t0)).find((j) => j.job === job)).toMatchObject({ state: "never_run", last_success_at: null, last_outcome: null });
    // A success, then a skipped run later: the success is the last run, and 27 h after it the job is late.
    const t1 = new Date(t0.getTime() + 60_000);
    await a.db.insert(jobRun).values({ id: "job_ok", job, startedAt: t1, finishedAt: t1, outcome: "success", detail: {} });
    const t2 = new Date(t1.getTime() + 26 * 3_600_000);
    await a.db.insert(jobRun).values({ id: "job_skiplater", job, startedAt: t2, finishedAt: t2, outcome: "skipped", detail: {} });
    expect((await getJobHealth(a.db, t2)).find((j) => j.job === job)).toMatchObject({
      state: "ok",
      last_success_at: t1,
      last_run_at: t1,
      last_outcome: "success",
    });
    const late = (await getJobHealth(a.db, new Date(t1.getTime() + 27 * 3_600_000))).find((j) => j.job === job);
    expect(late).toMatchObject({ state: "stale", last_success_at: t1 });
  });
});

describe("on the embedded database (PGlite, one process)", () => {
  it("the lease works the same: a second run while the first holds it is skipped", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "servelink-lease-"));
    const h = await openDatabase({ pgliteDir: dir });
    try {
      await migrateDatabase(h);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first = withHeartbeat(depsOf(h), "expire-resources", step, async () => {
        await held;
        return { done: true };
      });
      await expect.poll(async () => (await h.db.select().from(jobLock)).length).toBe(1);
      expect(await withHeartbeat(depsOf(h), "expire-resources", step, async () => ({ done: "twice" }))).toMatchObject({ skipped: "already running" });
      release();
      expect(await first).toEqual({ done: true });
      expect((await runsOf(h, "expire-resources")).map((r) => r.outcome).sort()).toEqual(["skipped", "success"]);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
