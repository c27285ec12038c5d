// No Inngest server runs here (its dev server downloads a binary): @inngest/test's InngestTestEngine
// stands in for it, running the real function and its steps in this process against the real
// Postgres and Docker. inngest/serve.int.test.ts calls /api/inngest the way the server does.
import type Docker from "dockerode";
import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../test/db";
import { busyboxImage, createVolumeWithBytes, ensureDocker, isRunning, runContainer } from "../../test/docker";
import { insertTeam } from "../../test/fixtures";
import type { DbHandle } from "../../src/server/db/client";
import { notification, project } from "../../src/server/db/schema";
import { PROJECT_LABEL } from "../../src/server/integrations/docker";
import { followUpUsageChange } from "../../src/server/follow-ups";
import { recordTraffic } from "../../src/server/services/usage/record-traffic";
import { createCheckInactiveProjects } from "./check-inactive-projects";
import { createCleanupInactiveDeployments } from "./cleanup-inactive-deployments";
import { clock } from "../../src/lib/clock";

const DAY = 86_400_000;
let h: DbHandle;
let docker: Docker;
const cleanup: { containers: string[]; images: string[]; volumes: string[] } = { containers: [], images: [], volumes: [] };

beforeAll(async () => {
  h = await openTestDb(6);
  docker = await ensureDocker();
});
afterAll(async () => {
  for (const c of cleanup.containers)
    await docker
      .getContainer(c)
      .remove({ force: true })
      .catch(() => {});
  for (const i of cleanup.images)
    await docker
      .getImage(i)
      .remove({ force: true })
      .catch(() => {});
  for (const v of cleanup.volumes)
    await docker
      .getVolume(v)
      .remove()
      .catch(() => {});
  await h.close();
});

const deps = (now: Date) => ({ getDb: async () => h.db, docker: () => docker, now: () => now });
const timer = (cron: string) => [{ name: "inngest/scheduled.timer", data: { cron } }] as [{ name: string; data: { cron: string } }];
const checkInactive = (now = clock.now()) =>
  new InngestTestEngine({ function: createCheckInactiveProjects(deps(now)), events: timer("TZ=UTC 0 2 * * *") }).execute();
const cleanupJob = (now = clock.now()) =>
  new InngestTestEngine({ function: createCleanupInactiveDeployments(deps(now)), events: timer("TZ=UTC 0 3 * * *") }).execute();

async function statusOf(id: string) {
  const [p] = await h.db.select({ status: project.status }).from(project).where(eq(project.id, id));
  return p!.status;
}

describe("inactivity", () => {
  it("a Free project idle 15 days becomes inactive with its container stopped; a Pro project idle 60 days stays; traffic wakes it", async () => {
    const free = await insertTeam(h, { plan: "free" });
    const pro = await insertTeam(h, { plan: "pay_as_you_go" });
    const idle = free.projects[0]!.id;
    const proIdle = pro.projects[0]!.id;
    await h.db
      .update(project)
      .set({ lastTrafficAt: new Date(clock.nowMs() - 15 * DAY) })
      .where(eq(project.id, idle));
    await h.db
      .update(project)
      .set({ lastTrafficAt: new Date(clock.nowMs() - 60 * DAY) })
      .where(eq(project.id, proIdle));
    const image = busyboxImage(`servelink-test/idle-${idle.toLowerCase()}:1`, { [PROJECT_LABEL]: idle });
    cleanup.images.push(image);
    const c = await runContainer(docker, image, { [PROJECT_LABEL]: idle });
    cleanup.containers.push(c.id);

    const { error } = await checkInactive();
    expect(error).toBeUndefined();
    expect(await statusOf(idle)).toBe("inactive");
    expect(await statusOf(proIdle)).toBe("active");
    expect(await isRunning(docker, c.id)).toBe(false);
    const notes = await h.db.select().from(notification).where(eq(notification.teamId, free.team.id));
    expect(notes.map((n) => n.kind)).toEqual(["project.inactive"]);
    await checkInactive();
    expect(await h.db.select().from(notification).where(eq(notification.teamId, free.team.id))).toHaveLength(1);

    // Traffic wakes it; the ingest route's follow-up (the app's own, after the answer) starts its containers.
    const ingest = await recordTraffic(h.db, { events: [{ project_id: idle, bytes: 100 }] });
    expect(ingest.wokenProjectIds).toEqual([idle]);
    expect(await statusOf(idle)).toBe("active");
    await followUpUsageChange({ getDb: async () => h.db, docker: () => docker, mailer: () => null }, ingest);
    expect(await isRunning(docker, c.id)).toBe(true);
  });

  it("warns 3 days before, once", async () => {
    const free = await insertTeam(h, { plan: "free" });
    const p = free.projects[0]!.id;
    await h.db
      .update(project)
      .set({ lastTrafficAt: new Date(clock.nowMs() - 12 * DAY) })
      .where(eq(project.id, p));
    await checkInactive();
    await checkInactive();
    const notes = await h.db.select().from(notification).where(eq(notification.teamId, free.team.id));
    expect(notes.map((n) => n.kind)).toEqual(["project.inactive_warning"]);
    expect(notes[0]!.body).toMatch(/becomes inactive on [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(await statusOf(p)).toBe("active");
  });

  it("cleanup removes the stopped container and its unused image after 30 days, and keeps the volume and its bytes", async () => {
    const free = await insertTeam(h, { plan: "free" });
    const id = free.projects[0]!.id;
    const image = busyboxImage(`servelink-test/cleanup-${id.toLowerCase()}:1`, { [PROJECT_LABEL]: id });
    cleanup.images.push(image);
    const volume = await createVolumeWithBytes(docker, `${id}-data`, { [PROJECT_LABEL]: id }, 65_536);
    cleanup.volumes.push(volume);
    const c = await runContainer(docker, image, { [PROJECT_LABEL]: id });
    cleanup.containers.push(c.id);
    await c.stop({ t: 0 });
    await h.db.execute(
      sql`update project set status = 'inactive', status_changed_at = ${new Date(clock.nowMs() - 31 * DAY).toISOString()}::timestamptz where id = ${id}`,
    );

    // Not yet: inactive for 29 days.
    await cleanupJob(new Date(clock.nowMs() - 2 * DAY));
    expect((await docker.listContainers({ all: true, filters: { id: [c.id] } })).length).toBe(1);

    const { result, error } = await cleanupJob();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ containers_removed: 1, images_removed: 1 });
    expect((result as { freed_bytes: number }).freed_bytes).toBeGreaterThan(1_000_000);
    expect(await docker.listContainers({ all: true, filters: { id: [c.id] } })).toEqual([]);
    expect(await docker.listImages({ filters: { reference: [image] } })).toEqual([]);
    const v = await docker.getVolume(volume).inspect();
    expect(v.Labels[PROJECT_LABEL]).toBe(id);
    const df = (await docker.df()) as { Volumes: { Name: string; UsageData: { Size: number } }[] };
    expect(df.Volumes.find((x) => x.Name === volume)!.UsageData.Size).toBe(65_536);
    const again = await cleanupJob();
    expect(again.result).toMatchObject({ containers_removed: 0, images_removed: 0 });
  });
});
