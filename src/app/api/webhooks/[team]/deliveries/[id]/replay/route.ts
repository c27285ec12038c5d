// POST /api/webhooks/{team}/deliveries/{id}/replay – send a delivery again now, with its webhook-id and body
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { replayDelivery } from "@/server/services/webhooks/delivery";

export const dynamic = "force-dynamic";

export const POST = withTeamAccess<{ team: string; id: string }>(async (_req, { db, access, now }, params) => {
  return jsonResponse(await replayDelivery(db, access, params.id, { now }));
});
