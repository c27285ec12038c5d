import "server-only";
import { after } from "next/server";
import { appFollowUpDeps } from "./app-deps";
import { followUpPaymentChange, followUpUsageChange, followUpWebhooks } from "./follow-ups";

// What runs once a route has answered (`next/server`'s `after`): for speed, not for safety; the
// nightly jobs repeat the evaluations anyway. The work itself is in follow-ups.ts.

/** After a traffic batch: the teams' limits, and woken projects' containers. */
export function followUpTraffic(input: { teamIds: string[]; wokenProjectIds: string[] }) {
  if (input.teamIds.length || input.wokenProjectIds.length) after(() => followUpUsageChange(appFollowUpDeps, input));
}

/** After a payment of the team moved: its notice e-mailed, a suspension maybe lifted. */
export function followUpPayment(teamId: string) {
  after(() => followUpPaymentChange(appFollowUpDeps, teamId));
}

/** After a change that wrote webhook events for the team (other than a payment's, which `followUpPayment` covers): their first attempt and 5-second retry. */
export function followUpWebhookEvents(teamId: string) {
  after(() => followUpWebhooks(appFollowUpDeps, teamId));
}
