// DELETE /api/resources/{team}/cancel/{id} – cancel an active add-on at once (owners and admins)
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { cancelAddon } from "@/server/services/addons/addons";

export const dynamic = "force-dynamic";

export const DELETE = withTeamAccess<{ team: string; id: string }>(async (_req, { db, access }, params) => {
  return jsonResponse({ resource: await cancelAddon(db, { access, resourceId: params.id }) });
});
