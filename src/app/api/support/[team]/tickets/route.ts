// POST /api/support/{team}/tickets – open a ticket · GET …/tickets?status= – the team's tickets
import { z } from "zod";
import { ZCreateTicketSchema, ZTicketStatusSchema } from "@/lib/schemas/support";
import { jsonResponse, parseJsonBody, parseQuery, withApiAuth } from "@/server/api/rest";
import { createTicket, listTeamTickets } from "@/server/services/support/tickets";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

// `?status=` left empty lists every status, as no `status` does.
const ZListQuerySchema = z.object({ status: z.preprocess((v) => (v === "" ? undefined : v), ZTicketStatusSchema.optional()) });

export const POST = withApiAuth<{ team: string }>(async (req, { db, user }, params) => {
  const body = await parseJsonBody(req, ZCreateTicketSchema);
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  const t = await createTicket(db, { access, userId: user.id, ...body });
  return jsonResponse({ ticket_id: t.id, status: t.status, priority: t.priority, category: t.category, created_at: t.createdAt }, { status: 201 });
});

export const GET = withApiAuth<{ team: string }>(async (req, { db, user }, params) => {
  const { status } = parseQuery(req, ZListQuerySchema);
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role, allowSupport: true });
  const tickets = await listTeamTickets(db, access.team.id, { status });
  return jsonResponse({
    tickets: tickets.map((t) => ({ id: t.id, subject: t.subject, status: t.status, priority: t.priority, category: t.category, created_at: t.created_at })),
  });
});
