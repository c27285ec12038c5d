// GET /api/support/{team}/stats – the team's ticket statistics
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { getTicketStats } from "@/server/services/support/tickets";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string }>(
  async (_req, { db, access, now }) => {
    return jsonResponse(await getTicketStats(db, { teamId: access.team.id, now }));
  },
  { allowSupport: true },
);
