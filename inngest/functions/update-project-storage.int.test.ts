// No Inngest server runs here (its dev server downloads a binary): @inngest/test's InngestTestEngine
// stands in for it, running the real function and its steps in this process against the real
// Postgres and Docker. inngest/serve.int.test.ts calls /api/inngest the way the server does.
import type Docker from "dockerode";
import { InngestTestEngine } from "@inngest/test";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../test/db";
import { createVolumeWithBytes, ensureDocker, importImage } from "../../test/docker";
import { insertTeam } from "../../test/fixtures";
import type { DbHandle } from "../../src/server/db/client";
import { notification, project, projectUsage, projectUsageDaily } from "../../src/server/db/schema";
import { createDockerClient, PROJECT_LABEL } from "../../src/server/integrations/docker";
import { createUpdateProjectStorage } from "./update-project-storage";
import { clock } from "../../src/lib/clock";

const MIB = 1024 ** 2;
// Today: the run evaluates the limits of the teams it moved, and other test files share the database.
const NOW = clock.now();
const DAY = NOW.toISOString().slice(0, 10);
let h: DbHandle;
let docker: Docker;
const volumes: string[] = [];
const images: string[] = [];

beforeAll(async () => {
  h = await openTestDb();
  docker = await ensureDocker();
});
afterAll(async () => {
  for (const v of volumes)
    await docker
      .getVolume(v)
      .remove()
      .catch(() => {});
  for (const i of images)
    await docker
      .getImage(i)
      .remove({ force: true })
      .catch(() => {});
  await h.close();
});

function engineFor(dockerClient: () => Docker) {
  const fn = createUpdateProjectStorage({ getDb: async () => h.db, docker: dockerClient, now: () => NOW });
  return new InngestTestEngine({ function: fn, events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 4 * * *" } }] });
}

async function storageOf(ids: string[]) {
  const daily = await h.db
    .select({ id: projectUsageDaily.projectId, bytes: projectUsageDaily.storageBytes })
    .from(projectUsageDaily)
    .where(and(inArray(projectUsageDaily.projectId, ids), eq(projectUsageDaily.day, DAY)));
  const monthly = await h.db
    .select({ id: projectUsage.projectId, bytes: projectUsage.storageBytes })
    .from(projectUsage)
    .where(and(inArray(projectUsage.projectId, ids), eq(projectUsage.year, NOW.getUTCFullYear()), eq(projectUsage.month, NOW.getUTCMonth() + 1)));
  return { daily: Object.fromEntries(daily.map((r) => [r.id, r.bytes])), monthly: Object.fromEntries(monthly.map((r) => [r.id, r.bytes])) };
}

describe("update-project-storage against a real Docker engine", () => {
  it("writes each project's labelled volumes + images to today's and the month's rows, 0 for a project with none", async () => {
    const { projects } = await insertTeam(h, { projects: 3 });
    const [a, b, c] = projects.map((p) => p.id) as [string, string, string];
    volumes.push(await createVolumeWithBytes(docker, `${a}-data`, { [PROJECT_LABEL]: a }, 3 * MIB));
    volumes.push(await createVolumeWithBytes(docker, `${a}-cache`, { [PROJECT_LABEL]: a }, 512 * 1024));
    volumes.push(await createVolumeWithBytes(docker, `${b}-data`, { [PROJECT_LABEL]: b }, 1 * MIB));
    volumes.push(await createVolumeWithBytes(docker, `unlabelled-${a}`, {}, 2 * MIB));
    const image = importImage(`servelink-test/${a.toLowerCase()}:1`, { [PROJECT_LABEL]: a }, { bytes: 200 * 1024 });
    images.push(image.tag);

    const { result, error } = await engineFor(() => docker).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ at: NOW.toISOString() });

    const expectedA = BigInt(3 * MIB + 512 * 1024 + image.size);
    const s = await storageOf([a, b, c]);
    expect(s.daily).toEqual({ [a]: expectedA, [b]: BigInt(MIB), [c]: 0n });
    expect(s.monthly).toEqual({ [a]: expectedA, [b]: BigInt(MIB), [c]: 0n });

    // A second run the same day writes the same figures.
    await engineFor(() => docker).execute();
    expect(await storageOf([a, b, c])).toEqual(s);
  });

  it("evaluates the limits of the teams whose storage moved at once: a warning at 85 %, a suspended project back after its data went", async () => {
    const { team, projects } = await insertTeam(h, { plan: "free", projects: 2 });
    const [a, b] = projects.map((p) => p.id) as [string, string];
    // b was suspended at yesterday's measure (200 MiB of Free's 100 MB); its data has been deleted since.
    await h.db
      .insert(projectUsage)
      .values({ id: `use_${b}`, projectId: b, year: NOW.getUTCFullYear(), month: NOW.getUTCMonth() + 1, storageBytes: BigInt(200 * MIB) });
    await h.db
      .update(project)
      .set({ status: "suspended" })
      .where(inArray(project.id, [a, b]));
    volumes.push(await createVolumeWithBytes(docker, `${a}-data`, { [PROJECT_LABEL]: a }, 85 * MIB));

    const { result, error } = await engineFor(() => docker).execute();
    expect(error).toBeUndefined();
    expect((result as { limits: unknown }).limits).toMatchObject({ reactivated: 2 });
    const statuses = await h.db.select({ status: project.status }).from(project).where(eq(project.teamId, team.id));
    expect(statuses.map((p) => p.status)).toEqual(["active", "active"]);
    const alerts = await h.db.select().from(notification).where(eq(notification.teamId, team.id));
    expect(alerts.map((n) => `${n.kind}:${n.metric}`)).toEqual(["usage.warning:storage"]);

    // The same figures again: nothing is sent twice.
    expect((await engineFor(() => docker).execute()).error).toBeUndefined();
    expect(await h.db.select().from(notification).where(eq(notification.teamId, team.id))).toHaveLength(1);
  });

  it("an engine that cannot be reached fails the run with a clear error, and yesterday's figures stay", async () => {
    const { projects } = await insertTeam(h, { projects: 1 });
    const id = projects[0]!.id;
    await h.db.insert(projectUsageDaily).values({ projectId: id, day: DAY, storageBytes: 12345n });
    // The engine "stopped": nothing listens on this socket.
    const { error } = await engineFor(() => createDockerClient("unix:///tmp/servelink-no-docker.sock")).execute();
    expect(error).toBeDefined();
    expect(String((error as Error).message ?? error)).toMatch(/Docker engine could not be reached/);
    const s = await storageOf([id]);
    expect(s.daily).toEqual({ [id]: 12345n });
    expect(s.monthly).toEqual({});
  });
});
