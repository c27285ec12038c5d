// DELETE /api/webhooks/{team}/endpoints/{id} – remove an endpoint, with its deliveries and their log
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { removeEndpoint } from "@/server/services/webhooks/endpoints";

export const dynamic = "force-dynamic";

export const DELETE = withTeamAccess<{ team: string; id: string }>(async (_req, { db, access }, params) => {
  return jsonResponse(await removeEndpoint(db, access, params.id));
});
