import "server-only";
import { env } from "@/env.js";
import { getDb } from "./db-config";
import type { TFollowUpDeps } from "./follow-ups";
import { createDockerClient } from "./integrations/docker";
import type { TJobDeps } from "./job-deps";
import { getMailer } from "./mail-config";
import { getPaymentContextIfConfigured } from "./payments-config";

const docker = () => createDockerClient(env.DOCKER_HOST);

/** The scheduled jobs' dependencies inside the app (served at /api/inngest). */
export const appJobDeps: TJobDeps = {
  getDb,
  docker,
  mailer: getMailer,
  payments: getPaymentContextIfConfigured,
};

/** The after-the-answer follow-ups' dependencies inside the app. */
export const appFollowUpDeps: TFollowUpDeps = { getDb, docker, mailer: getMailer };
