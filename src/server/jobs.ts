import "server-only";
import { after } from "next/server";
import { env } from "@/env.js";
import type { TJobDeps } from "../../inngest/deps";
import { getDb } from "./db-config";
import { followUpPaymentChange, followUpUsageChange, type TFollowUpDeps } from "./follow-ups";
import { createDockerClient } from "./integrations/docker";
import { getMailer } from "./mail-config";
import { getPaymentContextIfConfigured } from "./payments-config";

const docker = () => createDockerClient(env.DOCKER_HOST);

/** The scheduled jobs' dependencies inside the app. */
export const appJobDeps: TJobDeps = {
  getDb,
  docker,
  mailer: getMailer,
  payments: getPaymentContextIfConfigured,
};

const followUpDeps: TFollowUpDeps = { getDb, docker, mailer: getMailer };

/** After a traffic batch, once the answer is sent: the teams' limits, and woken projects' containers (server/follow-ups.ts). */
export function followUpTraffic(input: { teamIds: string[]; wokenProjectIds: string[] }) {
  if (input.teamIds.length || input.wokenProjectIds.length) after(() => followUpUsageChange(followUpDeps, input));
}

/** After a payment of the team moved, once the answer is sent: its notice e-mailed, a suspension maybe lifted (server/follow-ups.ts). */
export function followUpPayment(teamId: string) {
  after(() => followUpPaymentChange(followUpDeps, teamId));
}
