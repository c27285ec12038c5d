// GET /api/resources/{team}/available – the add-on catalogue with prices (members of the team)
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { listAddonCatalogue } from "@/server/services/addons/addons";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ team: string }>(async (_req, { db, user }, params) => {
  await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  return jsonResponse({ resources: listAddonCatalogue() });
});
