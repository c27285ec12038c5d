import type Docker from "dockerode";
import { PROJECT_LABEL } from "./docker";

export interface TContainerResult {
  changed: number;
  /** Set when the engine could not be reached or refused: the database change stands, the containers wait. */
  error?: string;
}

/** The containers of these projects, from one listing of every labelled container (not one call per project). */
async function containersOf(docker: Docker, projectIds: string[], all: boolean) {
  const wanted = new Set(projectIds);
  const labelled = await docker.listContainers({ all, filters: { label: [PROJECT_LABEL] } });
  return labelled.filter((c) => wanted.has(c.Labels[PROJECT_LABEL] ?? ""));
}

/** Containers moved at once: enough that a night suspending thousands of projects takes minutes, not hours. */
export const CONTAINER_CONCURRENCY = 16;
/** Seconds a container gets to stop on SIGTERM before Docker kills it (a suspension, not a graceful deploy). */
export const STOP_TIMEOUT_S = 3;

/** Runs `work` over `items`, at most `limit` at a time; the first failure is thrown once all have settled. */
async function eachBounded<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item).catch((err: unknown) => {
        failure ??= err;
      });
    }
  });
  await Promise.all(lanes);
  if (failure) throw failure;
}

/**
 * Moves the containers of these projects one way (stop the running ones, start the stopped ones),
 * 16 at a time, each stop with a short timeout. Docker's 304 (already so) counts as done; any other
 * refusal is the run's error (the others still move).
 */
async function moveProjectContainers(docker: Docker, projectIds: string[], to: "stopped" | "running"): Promise<TContainerResult> {
  if (projectIds.length === 0) return { changed: 0 };
  let changed = 0;
  try {
    // Stopping looks at running containers only; starting at all of them, skipping the running ones.
    const targets = (await containersOf(docker, projectIds, to === "running")).filter((c) => !(to === "running" && c.State === "running"));
    await eachBounded(targets, CONTAINER_CONCURRENCY, async (c) => {
      const container = docker.getContainer(c.Id);
      await (to === "stopped" ? container.stop({ t: STOP_TIMEOUT_S }) : container.start()).catch((err: { statusCode?: number }) => {
        if (err.statusCode !== 304) throw err;
      });
      changed++;
    });
    return { changed };
  } catch (err) {
    return { changed, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Stops the running containers labelled with these projects. */
export const stopProjectContainers = (docker: Docker, projectIds: string[]) => moveProjectContainers(docker, projectIds, "stopped");

/** Starts the stopped containers labelled with these projects. */
export const startProjectContainers = (docker: Docker, projectIds: string[]) => moveProjectContainers(docker, projectIds, "running");

/**
 * Removes the stopped containers of these projects, then their images that no container uses.
 * Volumes are never touched (they hold the users' data). Returns the bytes the images freed.
 */
export async function cleanupProjectDeployments(docker: Docker, projectIds: string[]) {
  let containers = 0;
  let images = 0;
  let freedBytes = 0;
  if (projectIds.length === 0) return { containers, images, freedBytes };
  for (const c of await containersOf(docker, projectIds, true)) {
    if (c.State === "running") continue;
    await docker.getContainer(c.Id).remove({ v: false });
    containers++;
  }
  const wanted = new Set(projectIds);
  const inUse = new Set((await docker.listContainers({ all: true })).map((c) => c.ImageID));
  for (const img of await docker.listImages({ filters: { label: [PROJECT_LABEL] } })) {
    if (!wanted.has(img.Labels?.[PROJECT_LABEL] ?? "") || inUse.has(img.Id)) continue;
    await docker.getImage(img.Id).remove({ force: false });
    images++;
    freedBytes += img.Size;
  }
  return { containers, images, freedBytes };
}
