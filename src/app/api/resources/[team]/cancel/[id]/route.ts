// DELETE /api/resources/{team}/cancel/{id} – cancel an active add-on at once (owners and admins)
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { cancelAddon } from "@/server/services/addons/addons";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const DELETE = withApiAuth<{ team: string; id: string }>(async (_req, { db, user }, params) => {
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  return jsonResponse({ resource: await cancelAddon(db, { access, resourceId: params.id }) });
});
