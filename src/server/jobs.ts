import "server-only";
import { env } from "../env.js";
import type { TJobDeps } from "../../inngest/deps";
import { getDb } from "./db";
import { createDockerClient } from "./integrations/docker";

/** The scheduled jobs' dependencies inside the app. */
export const appJobDeps: TJobDeps = {
  getDb,
  docker: () => createDockerClient(env.DOCKER_HOST),
};
