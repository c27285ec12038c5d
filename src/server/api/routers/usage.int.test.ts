import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { monthKey, monthOf } from "@/lib/usage-period";
import type { DbHandle } from "@/server/db/client";
import { additionalResource, project, projectUsage, projectUsageDaily } from "@/server/db/schema";
import { recordTraffic } from "@/server/services/usage/record-traffic";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";

const createCaller = createCallerFactory(appRouter);
const GIB = 1024 ** 3;
let h: DbHandle;
// One instant per test (the clock runs on, and CI runs this file seconds before a new year):
// what a test writes and what it then reads belong to the same month.
let now: Date;
const callerFor = (user: TSessionUser, at = now) => createCaller(createContextInner({ db: h.db, user, now: at }));

beforeAll(async () => {
  h = await openTestDb();
});
beforeEach(() => {
  now = clock.now();
});
afterAll(async () => {
  await h.close();
});

describe("usage.summary", () => {
  it("reports bytes, MB, GB, limits, percentages and the level of each metric", async () => {
    const { team, owner, projects } = await insertTeam(h, { projects: 2 });
    const [a, b] = projects.map((p) => p.id) as [string, string];
    // Free: 5 GB of traffic. 3 GB + 1.125 GB = 4.125 GB = 82.5 % → warning.
    await recordTraffic(
      h.db,
      {
        events: [
          { project_id: a, bytes: 3 * GIB },
          { project_id: b, bytes: 1.125 * GIB },
        ],
      },
      { now },
    );
    const s = await callerFor(owner).usage.summary({ team: team.slug });
    expect(s.limits).toMatchObject({ plan: "free", traffic_gb: 5, storage_mb: 100, memory_mb: 100, cpu_cores: 0.3 });
    expect(s.totals.traffic).toMatchObject({ bytes: BigInt(4.125 * GIB), gb: 4.125, limit_bytes: BigInt(5 * GIB), percent: 82.5, level: "warning" });
    expect(s.totals.storage).toMatchObject({ bytes: 0n, percent: 0, level: "ok" });
    expect(s.projects.map((p) => [p.slug, p.traffic.gb, p.traffic.percent])).toEqual([
      ["project-1", 3, 60],
      ["project-2", 1.125, 22.5],
    ]);
    expect(s.period.month).toBe(monthKey(monthOf(now)));
    expect(s.period.traffic_resets_at.getUTCDate()).toBe(1);
    expect(s.level).toBe("warning");
  });

  it("crosses critical at 95 % and exceeded at 100 %", async () => {
    const { team, owner, projects } = await insertTeam(h);
    const id = projects[0]!.id;
    await recordTraffic(h.db, { events: [{ project_id: id, bytes: Math.ceil(0.95 * 5 * GIB) }] }, { now });
    expect((await callerFor(owner).usage.summary({ team: team.slug })).totals.traffic.level).toBe("critical");
    await recordTraffic(h.db, { events: [{ project_id: id, bytes: Math.ceil(0.05 * 5 * GIB) }] }, { now });
    expect((await callerFor(owner).usage.summary({ team: team.slug })).totals.traffic).toMatchObject({ percent: 100, level: "exceeded" });
  });

  it("counts active add-ons in the limits, and never pending or lapsed ones", async () => {
    const { team, owner, projects } = await insertTeam(h, { plan: "pay_as_you_go" });
    await recordTraffic(h.db, { events: [{ project_id: projects[0]!.id, bytes: 9 * GIB }] }, { now });
    const addon = (status: "active" | "pending", expiresAt: Date | null) => ({
      id: newId("res"),
      teamId: team.id,
      resourceType: "traffic" as const,
      quantity: 2,
      unitPriceMinor: 100,
      status,
      expiresAt,
    });
    await h.db
      .insert(additionalResource)
      .values([addon("active", new Date(now.getTime() + 10 * 86_400_000)), addon("pending", null), addon("active", new Date(now.getTime() - 1000))]);
    const s = await callerFor(owner).usage.summary({ team: team.slug });
    expect(s.limits).toMatchObject({ traffic_gb: 30, plan_limits: { traffic_gb: 10 }, additional_resources: { traffic_gb: 20 } });
    expect(s.totals.traffic).toMatchObject({ percent: 30, level: "ok" });
  });

  it("another team's usage is NOT_FOUND", async () => {
    const { team } = await insertTeam(h);
    const stranger = await insertUser(h);
    const err = await callerFor(stranger)
      .usage.summary({ team: team.slug })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("NOT_FOUND");
  });

  it("a bad month names the field", async () => {
    const { team, owner } = await insertTeam(h);
    const err = await callerFor(owner)
      .usage.summary({ team: team.slug, month: "2026-13" })
      .catch((e: unknown) => e);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/month/);
  });
});

describe("usage.daily, history and exportCsv", () => {
  it("reads the rows the charts and the CSV show", async () => {
    const { team, owner, projects } = await insertTeam(h, { projects: 2 });
    const [a, b] = projects.map((p) => p.id) as [string, string];
    await h.db.insert(projectUsageDaily).values([
      { projectId: a, day: "2026-10-30", trafficBytes: 100n, requests: 2n, storageBytes: 5000n },
      { projectId: a, day: "2026-10-31", trafficBytes: 200n, requests: 3n, storageBytes: 5100n },
      { projectId: b, day: "2026-10-31", trafficBytes: 50n, requests: 1n, storageBytes: 10n },
      { projectId: a, day: "2026-11-01", trafficBytes: 999n, requests: 9n, storageBytes: 5200n },
    ]);
    await h.db.insert(projectUsage).values([
      { id: newId("use"), projectId: a, year: 2026, month: 10, trafficBytes: 300n, storageBytes: 5100n },
      { id: newId("use"), projectId: b, year: 2026, month: 10, trafficBytes: 50n, storageBytes: 10n },
      { id: newId("use"), projectId: a, year: 2026, month: 11, trafficBytes: 999n, storageBytes: 5200n },
    ]);
    const daily = await callerFor(owner).usage.daily({ team: team.slug, from: "2026-10-31", to: "2026-11-01" });
    expect(daily.days.map((d) => [d.day, d.project_id === a ? "a" : "b", d.traffic_bytes])).toEqual([
      ["2026-10-31", a < b ? "a" : "b", a < b ? 200 : 50],
      ["2026-10-31", a < b ? "b" : "a", a < b ? 50 : 200],
      ["2026-11-01", "a", 999],
    ]);
    // The last 3 months as of a day in November 2026 (the rows above are of October and November).
    const history = await callerFor(owner, new Date("2026-11-20T12:00:00Z")).usage.history({ team: team.slug, months: 3 });
    expect(history.map((m) => [m.month, m.traffic_bytes])).toEqual([
      ["2026-09", 0n],
      ["2026-10", 350n],
      ["2026-11", 999n],
    ]);

    const { filename, csv } = await callerFor(owner).usage.exportCsv({ team: team.slug, month: "2026-10" });
    expect(filename).toBe("usage-2026-10.csv");
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("day,project_id,project_slug,project_name,traffic_bytes,requests,storage_bytes");
    expect(lines).toHaveLength(4);
    expect(lines).toContain(`2026-10-30,${a},project-1,project-1,100,2,5000`);
  });

  it("writes project names a spreadsheet would run as formulas as plain text (CSV injection)", async () => {
    const { team, owner } = await insertTeam(h, { projects: 0 });
    const names = ['=HYPERLINK("http://evil.example","x")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "plain, with comma"];
    const ids = names.map(() => newId("prj"));
    await h.db.insert(project).values(names.map((name, i) => ({ id: ids[i]!, teamId: team.id, name, slug: `p-${i}` })));
    await h.db.insert(projectUsageDaily).values(ids.map((id) => ({ projectId: id, day: "2026-10-05", trafficBytes: 1n })));
    const { csv } = await callerFor(owner).usage.exportCsv({ team: team.slug, month: "2026-10" });
    const cells = new Map(ids.map((id) => [id, csv.split("\n").find((l) => l.includes(id))!]));
    expect(cells.get(ids[0]!)).toContain(`,p-0,"'=HYPERLINK(""http://evil.example"",""x"")",1,`);
    expect(cells.get(ids[1]!)).toContain(`,p-1,"'+1",1,`);
    expect(cells.get(ids[2]!)).toContain(`,p-2,"'-2+3",1,`);
    expect(cells.get(ids[3]!)).toContain(`,p-3,"'@SUM(A1)",1,`);
    expect(cells.get(ids[4]!)).toContain(`,p-4,"'\tcmd",1,`);
    expect(cells.get(ids[5]!)).toContain(`,p-5,"plain, with comma",1,`);
  });

  it("refuses reversed and too long ranges", async () => {
    const { team, owner } = await insertTeam(h);
    await expect(callerFor(owner).usage.daily({ team: team.slug, from: "2026-11-02", to: "2026-11-01" })).rejects.toThrow(/from: must be on or before/);
    await expect(callerFor(owner).usage.daily({ team: team.slug, from: "2025-01-01", to: "2026-11-01" })).rejects.toThrow(/at most 366 days/);
  });
});
