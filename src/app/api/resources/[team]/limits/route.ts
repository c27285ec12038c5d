// GET /api/resources/{team}/limits – effective limits: plan + active add-ons
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { getTeamLimits } from "@/server/services/addons/addons";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string }>(async (_req, { db, access }) => {
  return jsonResponse(await getTeamLimits(db, access.team.id));
});
