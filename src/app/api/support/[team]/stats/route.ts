// GET /api/support/{team}/stats – the team's ticket statistics
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { getTicketStats } from "@/server/services/support/tickets";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ team: string }>(async (_req, { db, user }, params) => {
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role, allowSupport: true });
  return jsonResponse(await getTicketStats(db, { teamId: access.team.id }));
});
