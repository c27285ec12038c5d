// GET /api/webhooks/{team}/endpoints – the team's webhook endpoints · POST – add one (its secret shown this once)
import { ZCreateWebhookEndpointSchema } from "@/lib/schemas/webhooks";
import { jsonResponse, parseJsonBody, withTeamAccess } from "@/server/api/rest";
import { addEndpoint, listEndpoints } from "@/server/services/webhooks/endpoints";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string }>(async (_req, { db, access, now }) => {
  const endpoints = await listEndpoints(db, access, now);
  return jsonResponse({ endpoints });
});

export const POST = withTeamAccess<{ team: string }>(async (req, { db, user, access, now }) => {
  const body = await parseJsonBody(req, ZCreateWebhookEndpointSchema);
  const created = await addEndpoint(db, access, { url: body.url, eventTypes: body.event_types, description: body.description, userId: user.id }, { now });
  return jsonResponse(created, { status: 201, headers: { "cache-control": "no-store" } });
});
