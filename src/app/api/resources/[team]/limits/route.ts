// GET /api/resources/{team}/limits – effective limits: plan + active add-ons
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { getTeamLimits } from "@/server/services/addons/addons";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ team: string }>(async (_req, { db, user }, params) => {
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  return jsonResponse(await getTeamLimits(db, access.team.id));
});
