// POST /api/webhooks/{team}/endpoints/{id}/test – send a webhook.test event to the endpoint now (`servelink webhooks test`)
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { sendTestEvent } from "@/server/services/webhooks/delivery";

export const dynamic = "force-dynamic";

export const POST = withTeamAccess<{ team: string; id: string }>(async (_req, { db, access, now }, params) => {
  return jsonResponse(await sendTestEvent(db, access, params.id, { now }));
});
