// GET /api/support/{team}/tickets/{id} – a ticket with its conversation (internal notes for staff only)
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { getTicket } from "@/server/services/support/tickets";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string; id: string }>(
  async (_req, { db, user, access }, params) => {
    const t = await getTicket(db, { ticketId: params.id, viewer: user, teamId: access.team.id });
    return jsonResponse(t);
  },
  { allowSupport: true },
);
