// GET /api/support/{team}/tickets/{id} – a ticket with its conversation (internal notes for staff only)
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { getTicket } from "@/server/services/support/tickets";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ team: string; id: string }>(async (_req, { db, user }, params) => {
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role, allowSupport: true });
  const t = await getTicket(db, { ticketId: params.id, viewer: user, teamId: access.team.id });
  return jsonResponse({
    id: t.id,
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    category: t.category,
    created_at: t.created_at,
    messages: t.messages.map((m) => ({
      id: m.id,
      author_type: m.author_type,
      message: m.message,
      created_at: m.created_at,
      ...(m.is_internal ? { is_internal: true } : {}),
    })),
  });
});
