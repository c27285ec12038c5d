// GET /api/resources/{team}/list – the team's add-ons and the totals of the active ones
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { listTeamAddons } from "@/server/services/addons/addons";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ team: string }>(async (_req, { db, user }, params) => {
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  return jsonResponse(await listTeamAddons(db, access.team.id));
});
