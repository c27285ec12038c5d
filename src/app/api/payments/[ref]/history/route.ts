// GET /api/payments/{team_slug}/history – the team's payments, newest first
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { listPayments } from "@/server/services/payments/payments";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ ref: string }>(async (_req, { db, user }, params) => {
  const access = await getTeamAccess(db, { teamRef: params.ref, userId: user.id, globalRole: user.role });
  return jsonResponse({ payments: await listPayments(db, access.team.id) });
});
