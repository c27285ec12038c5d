// POST /api/support/{team}/tickets/{id}/rating – rate a resolved ticket 1 to 5 with a comment, once (409 after)
import { ZRateTicketSchema } from "@/lib/schemas/support";
import { jsonResponse, parseJsonBody, withTeamAccess } from "@/server/api/rest";
import { rateTicket } from "@/server/services/support/ratings";

export const dynamic = "force-dynamic";

export const POST = withTeamAccess<{ team: string; id: string }>(async (req, { db, user, now, access }, params) => {
  const body = await parseJsonBody(req, ZRateTicketSchema);
  const rating = await rateTicket(db, { access, userId: user.id, ticketId: params.id, score: body.score, comment: body.comment, now });
  return jsonResponse(rating, { status: 201 });
});
