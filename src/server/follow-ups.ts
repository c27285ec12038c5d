import type Docker from "dockerode";
import type { Db } from "./db/client";
import type { TMailer } from "./integrations/mailer";
import { logError, logger } from "./log";
import { wakeProjectContainers } from "./services/enforcement/inactivity";
import { evaluateUsageLimits, teamsWithSuspendedProjects } from "./services/enforcement/usage-alerts";
import { emailPaymentNotices } from "./services/notifications/notifications";
import { deliverDocuments } from "./services/documents/documents";
import { deliverRightAway } from "./services/webhooks/delivery";

/** What the follow-ups need; the app (server/jobs.ts) and the tests' payment server each give their own. */
export interface TFollowUpDeps {
  getDb: () => Promise<Db>;
  docker: () => Docker;
  mailer: () => TMailer | null;
}

/**
 * Section 5 right after usage or a payment changed, for the teams concerned (run after the HTTP
 * answer): containers of woken projects started, then alerts, suspension or reactivation.
 * Failures are logged, never thrown: the nightly run repeats the evaluation anyway.
 */
export async function followUpUsageChange(deps: TFollowUpDeps, input: { teamIds: string[]; wokenProjectIds?: string[]; onlyIfSuspended?: boolean }) {
  try {
    const db = await deps.getDb();
    if (input.wokenProjectIds?.length) {
      const woke = await wakeProjectContainers(deps.docker(), input.wokenProjectIds);
      if (woke.error) logger.warn({ error: woke.error }, "could not start woken projects' containers");
    }
    const teamIds = input.onlyIfSuspended ? await teamsWithSuspendedProjects(db, input.teamIds) : input.teamIds;
    if (teamIds.length) {
      const r = await evaluateUsageLimits(db, { teamIds, docker: deps.docker, mailer: deps.mailer() });
      // Alerts, suspensions and reactivations wrote their webhook events (spec 18.1): their first attempt now.
      if (r.alerts + r.suspended + r.reactivated > 0) for (const teamId of teamIds) await followUpWebhooks(deps, teamId);
    }
  } catch (err) {
    logError("evaluation after a usage change failed", err);
  }
}

/**
 * After a payment of the team moved (a webhook, a status check that settled it, a purchase from
 * the balance): with SMTP set, its notice is e-mailed to the owners and admins and its receipt
 * rendered and e-mailed (spec 16: after the commit that numbered it); then a completed upgrade or
 * add-on may lift a suspension. Without SMTP nothing is sent, so no PDF is rendered here: a
 * receipt's PDF (tens of milliseconds of CPU) is rendered at its first download or by the nightly
 * `expire-resources`, and kept from then on.
 */
export async function followUpPaymentChange(deps: TFollowUpDeps, teamId: string) {
  const mailer = deps.mailer();
  // Its webhook events (spec 18.1): the first attempt and the 5-second retry, beside the rest.
  const webhooks = followUpWebhooks(deps, teamId);
  if (mailer) {
    try {
      await emailPaymentNotices(await deps.getDb(), mailer, teamId);
    } catch (err) {
      logError("e-mailing a payment notice failed", err);
    }
    await deliverDocuments(await deps.getDb(), mailer, { teamId });
  }
  await followUpUsageChange(deps, { teamIds: [teamId], onlyIfSuspended: true });
  await webhooks;
}

/**
 * Right after a change that wrote webhook events for the team committed (spec 18.1): their first
 * attempt and, for those that failed, the 5-second retry. Never throws; what is still pending is
 * `deliver-webhooks`'s.
 */
export async function followUpWebhooks(deps: TFollowUpDeps, teamId: string) {
  try {
    await deliverRightAway(await deps.getDb(), teamId, { mailer: deps.mailer() });
  } catch (err) {
    logError("delivering webhooks after a change failed", err);
  }
}
