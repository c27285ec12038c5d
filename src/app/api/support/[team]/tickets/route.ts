// POST /api/support/{team}/tickets – open a ticket · GET …/tickets?status= – the team's tickets
import { z } from "zod";
import { ZCreateTicketSchema, ZTicketStatusSchema } from "@/lib/schemas/support";
import { jsonResponse, parseJsonBody, parseQuery, withTeamAccess } from "@/server/api/rest";
import { followUpWebhookEvents } from "@/server/after-response";
import { createTicket, listTeamTickets } from "@/server/services/support/tickets";

export const dynamic = "force-dynamic";

// `?status=` left empty lists every status, as no `status` does.
const ZListQuerySchema = z.object({ status: z.preprocess((v) => (v === "" ? undefined : v), ZTicketStatusSchema.optional()) });

export const POST = withTeamAccess<{ team: string }>(async (req, { db, user, access }) => {
  const body = await parseJsonBody(req, ZCreateTicketSchema);
  const t = await createTicket(db, { access, userId: user.id, ...body, onWebhookEvents: followUpWebhookEvents });
  return jsonResponse(t, { status: 201 });
});

export const GET = withTeamAccess<{ team: string }>(
  async (req, { db, access }) => {
    const { status } = parseQuery(req, ZListQuerySchema);
    const tickets = await listTeamTickets(db, access.team.id, { status });
    return jsonResponse({ tickets });
  },
  { allowSupport: true },
);
