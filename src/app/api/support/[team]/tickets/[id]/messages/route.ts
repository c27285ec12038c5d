// POST /api/support/{team}/tickets/{id}/messages – reply on a ticket (409 when it is closed); staff may send is_internal
import { ZRestTicketMessageSchema } from "@/lib/schemas/support";
import { jsonResponse, parseJsonBody, withTeamAccess } from "@/server/api/rest";
import { followUpWebhookEvents } from "@/server/after-response";
import { getMailer } from "@/server/mail-config";
import { addTicketMessage } from "@/server/services/support/tickets";

export const dynamic = "force-dynamic";

export const POST = withTeamAccess<{ team: string; id: string }>(
  async (req, { db, user, now, access }, params) => {
    const body = await parseJsonBody(req, ZRestTicketMessageSchema);
    const m = await addTicketMessage(db, {
      ticketId: params.id,
      viewer: user,
      teamId: access.team.id,
      message: body.message,
      isInternal: body.is_internal,
      mailer: getMailer(),
      now,
      onWebhookEvents: followUpWebhookEvents,
    });
    return jsonResponse(
      {
        id: m.id,
        author_type: m.author_type,
        message: m.message,
        created_at: m.created_at,
        ticket_status: m.ticket_status,
        ...(m.is_internal ? { is_internal: true } : {}),
      },
      { status: 201 },
    );
  },
  { allowSupport: true },
);
