// Storage is a point-in-time figure measured at 04:00; traffic may open a day or a month before that.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { newId } from "@/lib/ids";
import type { DbHandle } from "@/server/db/client";
import { project, projectUsage, projectUsageDaily } from "@/server/db/schema";
import { createCheckUsageLimits } from "../../../../inngest/functions/check-usage-limits";
import { evaluateUsageLimits } from "@/server/services/enforcement/usage-alerts";
import { recordTraffic } from "./record-traffic";
import { getUsageSummary } from "./usage-summary";
import { clock } from "@/lib/clock";

const MIB = 1024 ** 2;
let h: DbHandle;

beforeAll(async () => {
  h = await openTestDb(2);
});
afterAll(async () => {
  await h.close();
});

const now = clock.now();
const today = now.toISOString().slice(0, 10);
const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
const lastMonth = { year: now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear(), month: now.getUTCMonth() === 0 ? 12 : now.getUTCMonth() };
const thisMonth = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };

describe("storage before the day's measure", () => {
  it("traffic that opens a new day and a new month starts them with the last measured storage, not 0", async () => {
    const { projects } = await insertTeam(h);
    const id = projects[0]!.id;
    await h.db.insert(projectUsageDaily).values({ projectId: id, day: yesterday, storageBytes: BigInt(7 * MIB) });
    await h.db.insert(projectUsage).values({ id: newId("use"), projectId: id, ...lastMonth, storageBytes: BigInt(7 * MIB) });

    expect((await recordTraffic(h.db, { events: [{ project_id: id, bytes: 1000 }] }, { now })).accepted).toBe(1);
    const [day] = await h.db
      .select()
      .from(projectUsageDaily)
      .where(and(eq(projectUsageDaily.projectId, id), eq(projectUsageDaily.day, today)));
    expect(day).toMatchObject({ trafficBytes: 1000n, storageBytes: BigInt(7 * MIB) });
    const [month] = await h.db
      .select()
      .from(projectUsage)
      .where(and(eq(projectUsage.projectId, id), eq(projectUsage.year, thisMonth.year), eq(projectUsage.month, thisMonth.month)));
    expect(month).toMatchObject({ trafficBytes: 1000n, storageBytes: BigInt(7 * MIB) });

    // More traffic the same day adds traffic and leaves the storage figure alone.
    await recordTraffic(h.db, { events: [{ project_id: id, bytes: 500 }] }, { now });
    const [again] = await h.db
      .select()
      .from(projectUsageDaily)
      .where(and(eq(projectUsageDaily.projectId, id), eq(projectUsageDaily.day, today)));
    expect(again).toMatchObject({ trafficBytes: 1500n, storageBytes: BigInt(7 * MIB) });
  });

  it("a team suspended for last month's storage stays suspended until the new month's storage is measured", async () => {
    const { team, projects } = await insertTeam(h, { plan: "free" });
    const id = projects[0]!.id;
    // 200 MiB of Free's 100 MB, measured last month; no row yet this month (the 04:00 run has not come).
    await h.db.insert(projectUsage).values({ id: newId("use"), projectId: id, ...lastMonth, storageBytes: BigInt(200 * MIB) });
    await h.db.update(project).set({ status: "suspended" }).where(eq(project.id, id));
    const result = await evaluateUsageLimits(h.db, { teamIds: [team.id], now, docker: null });
    expect(result).toMatchObject({ reactivated: 0 });
    const [p] = await h.db.select({ status: project.status }).from(project).where(eq(project.id, id));
    expect(p!.status).toBe("suspended");
  });

  it("before the new month's storage is measured, the summary shows last month's storage, as the limits judge it (one loader)", async () => {
    const { team, projects } = await insertTeam(h, { plan: "free" });
    const id = projects[0]!.id;
    // 90 MiB of Free's 100 MB measured last month, no traffic and no row yet this month.
    await h.db.insert(projectUsage).values({ id: newId("use"), projectId: id, ...lastMonth, storageBytes: BigInt(90 * MIB) });
    const summary = await getUsageSummary(h.db, team, { now });
    expect(summary.totals.storage).toMatchObject({ bytes: BigInt(90 * MIB), percent: 90, level: "warning" });
    expect(summary.projects[0]!.storage.bytes).toBe(BigInt(90 * MIB));
    const evaluated = await evaluateUsageLimits(h.db, { teamIds: [team.id], now, docker: null });
    expect(evaluated).toMatchObject({ alerts: 1, suspended: 0 });
  });

  it("at 00:00 UTC on the 1st (check-usage-limits runs then too), traffic-suspended teams come back and storage-suspended ones do not", async () => {
    const [fn] = createCheckUsageLimits({
      getDb: async () => h.db,
      docker: () => {
        throw new Error("not used");
      },
    });
    expect(fn!.opts.triggers).toEqual([{ cron: "TZ=UTC 0 6 * * *" }, { cron: "TZ=UTC 0 0 1 * *" }]);

    // Both suspended this month: one at 101 % of Free's 5 GB of traffic, one at 200 MiB of its 100 MB of storage.
    const overTraffic = await insertTeam(h, { plan: "free" });
    const overStorage = await insertTeam(h, { plan: "free" });
    await h.db.insert(projectUsage).values([
      { id: newId("use"), projectId: overTraffic.projects[0]!.id, ...thisMonth, trafficBytes: BigInt(Math.ceil(1.01 * 5 * 1024 ** 3)) },
      { id: newId("use"), projectId: overStorage.projects[0]!.id, ...thisMonth, storageBytes: BigInt(200 * MIB) },
    ]);
    const teamIds = [overTraffic.team.id, overStorage.team.id];
    expect(await evaluateUsageLimits(h.db, { teamIds, now, docker: null })).toMatchObject({ suspended: 2 });

    // The first instant of next month, before any new-month row exists (only these two teams are evaluated).
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, 0));
    expect(await evaluateUsageLimits(h.db, { teamIds, now: monthStart, docker: null })).toMatchObject({ reactivated: 1 });
    const status = async (teamId: string) => (await h.db.select({ status: project.status }).from(project).where(eq(project.teamId, teamId)))[0]!.status;
    expect(await status(overTraffic.team.id)).toBe("active");
    expect(await status(overStorage.team.id)).toBe("suspended");
  });
});
