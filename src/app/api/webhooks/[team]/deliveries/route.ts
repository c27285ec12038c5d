// GET /api/webhooks/{team}/deliveries?endpoint_id=&limit= – the team's deliveries, newest first, with their attempt log
import { ZWebhookDeliveriesQuerySchema } from "@/lib/schemas/webhooks";
import { jsonResponse, parseQuery, withTeamAccess } from "@/server/api/rest";
import { listDeliveries } from "@/server/services/webhooks/delivery";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string }>(async (req, { db, access }) => {
  const { endpoint_id, limit } = parseQuery(req, ZWebhookDeliveriesQuerySchema);
  const deliveries = await listDeliveries(db, access, { endpointId: endpoint_id, limit });
  return jsonResponse({ deliveries });
});
