import "server-only";
import { after } from "next/server";
import { env } from "../env.js";
import type { TJobDeps } from "../../inngest/deps";
import { getDb } from "./db";
import { createDockerClient } from "./integrations/docker";
import { getMailer } from "./mail-config";
import { getPaymentContextIfConfigured } from "./payments-config";
import { evaluateUsageLimits, teamsWithSuspendedProjects } from "./services/enforcement/usage-alerts";
import { wakeProjectContainers } from "./services/enforcement/inactivity";
import { emailPaymentNotices } from "./services/notifications/notifications";

const docker = () => createDockerClient(env.DOCKER_HOST);

/** The scheduled jobs' dependencies inside the app. */
export const appJobDeps: TJobDeps = {
  getDb,
  docker,
  mailer: getMailer,
  payments: getPaymentContextIfConfigured,
};

/**
 * Section 5 right after usage or a payment changed, for the teams concerned (run after the HTTP
 * answer): alerts, suspension or reactivation, and containers of woken projects started.
 * Failures are logged: the nightly run repeats the evaluation anyway.
 */
export async function afterUsageChange(input: { teamIds: string[]; wokenProjectIds?: string[]; onlyIfSuspended?: boolean }) {
  try {
    const db = await getDb();
    if (input.wokenProjectIds?.length) {
      const woke = await wakeProjectContainers(docker(), input.wokenProjectIds);
      if (woke.error) console.warn(`[servelink] could not start woken projects' containers: ${woke.error}`);
    }
    const teamIds = input.onlyIfSuspended ? await teamsWithSuspendedProjects(db, input.teamIds) : input.teamIds;
    if (teamIds.length) await evaluateUsageLimits(db, { teamIds, docker, mailer: getMailer() });
  } catch (err) {
    console.error("[servelink] evaluation after a usage change failed:", err instanceof Error ? err.message : err);
  }
}

/**
 * After a payment of the team moved, once the HTTP answer is sent (`next/server`'s `after`): its
 * notice is e-mailed to the owners and admins, and a completed upgrade or add-on may lift a
 * suspension at once.
 */
export function followUpPayment(teamId: string) {
  after(() => afterPaymentChange(teamId));
}

async function afterPaymentChange(teamId: string) {
  try {
    await emailPaymentNotices(await getDb(), getMailer(), teamId);
  } catch (err) {
    console.error("[servelink] e-mailing a payment notice failed:", err instanceof Error ? err.message : err);
  }
  await afterUsageChange({ teamIds: [teamId], onlyIfSuspended: true });
}
