import { clock } from "../../src/lib/clock";
import type { TJobDeps, TJobStep } from "../../src/server/job-deps";
import { pruneLiveEvents } from "../../src/server/services/events/live-events";
import { deliverDue } from "../../src/server/services/webhooks/delivery";
import { inngest } from "../client";
import { withHeartbeat } from "../heartbeat";

export const DELIVER_WEBHOOKS = "deliver-webhooks";

/**
 * The later attempts of outbound webhooks (spec 18.1), every minute: every pending delivery that
 * is due (5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the attempt before), and any whose first
 * attempt never came (its process died after the commit: the outbox keeps it). It also prunes the
 * live events older than their 10-minute replay window (spec 20), which the processes with open
 * streams do too, so that the log stays small when no stream is open anywhere.
 */
export async function runDeliverWebhooks(deps: TJobDeps, step: TJobStep) {
  return withHeartbeat(deps, DELIVER_WEBHOOKS, step, async () => {
    const now = deps.now?.() ?? clock.now();
    const counts = (await step.run("deliver-due", async () => deliverDue(await deps.getDb(), now, { mailer: deps.mailer?.() ?? null }))) as Awaited<
      ReturnType<typeof deliverDue>
    >;
    const livePruned = (await step.run("prune-live-events", async () => pruneLiveEvents(await deps.getDb()))) as number;
    return { ...counts, live_events_pruned: livePruned, at: now.toISOString() };
  });
}

export function createDeliverWebhooks(deps: TJobDeps) {
  return inngest.createFunction({ id: DELIVER_WEBHOOKS, triggers: [{ cron: "TZ=UTC * * * * *" }], retries: 0 }, async ({ step }) =>
    runDeliverWebhooks(deps, step as unknown as TJobStep),
  );
}
