// Outbound webhooks in integration tests (spec 18.1): a team with an endpoint, and the deliveries
// its changes wrote. Nothing listens at the endpoint: the deliveries are only written.
import { asc, eq } from "drizzle-orm";
import type { TPlanId } from "../src/lib/plans";
import { WEBHOOK_EVENT_TYPES } from "../src/lib/webhooks";
import type { DbHandle } from "../src/server/db/client";
import { webhookDelivery } from "../src/server/db/schema";
import { getTeamAccess } from "../src/server/services/teams/teams";
import { addEndpoint } from "../src/server/services/webhooks/endpoints";
import { insertTeam } from "./fixtures";

/** A new team (Free unless `plan`) with an endpoint on 127.0.0.1 subscribed to `eventTypes` (every type by default); needs WEBHOOKS_ALLOW_LOOPBACK=1. */
export async function teamWithEndpoint(h: DbHandle, opts: { plan?: TPlanId; eventTypes?: string[] } = {}) {
  const fx = await insertTeam(h, { plan: opts.plan ?? "free" });
  const access = await getTeamAccess(h.db, { teamRef: fx.team.id, userId: fx.owner.id, globalRole: "user" });
  const { endpoint } = await addEndpoint(h.db, access, {
    url: "http://127.0.0.1:9/hook",
    eventTypes: opts.eventTypes ?? [...WEBHOOK_EVENT_TYPES],
    userId: fx.owner.id,
  });
  return { ...fx, endpoint };
}

/** The team's deliveries in the order they were written: type, status, endpoint and body. */
export async function deliveriesOf(h: DbHandle, teamId: string) {
  const rows = await h.db
    .select()
    .from(webhookDelivery)
    .where(eq(webhookDelivery.teamId, teamId))
    .orderBy(asc(webhookDelivery.createdAt), asc(webhookDelivery.id));
  return rows.map((r) => ({
    type: r.eventType,
    status: r.status,
    endpoint: r.endpointId,
    payload: r.payload as { type: string; timestamp: string; data: Record<string, unknown> },
  }));
}
