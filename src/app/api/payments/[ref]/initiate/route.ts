// POST /api/payments/{team_slug}/initiate – start the Pro upgrade payment (owners and admins); amount computed by the server
import { ZInitiatePaymentSchema } from "@/lib/schemas/payments";
import { jsonResponse, parseJsonBody, withApiAuth } from "@/server/api/rest";
import { getPaymentContext } from "@/server/payments-config";
import { initiatePayment } from "@/server/services/payments/payments";
import { getTeamAccess } from "@/server/services/teams/teams";
import { followUpPayment } from "@/server/after-response";

export const dynamic = "force-dynamic";

export const POST = withApiAuth<{ ref: string }>(async (req, { db, user }, params) => {
  const body = await parseJsonBody(req, ZInitiatePaymentSchema);
  const access = await getTeamAccess(db, { teamRef: params.ref, userId: user.id, globalRole: user.role });
  const p = await initiatePayment(db, getPaymentContext(), { access, userId: user.id, body });
  // Paid at once (from the balance): its notice and receipt go out after the answer.
  if (p.status === "completed") followUpPayment(access.team.id);
  return jsonResponse({
    payment_id: p.id,
    external_payment_id: p.external_payment_id,
    payment_url: p.payment_url,
    qr_code: p.qr_code,
    status: p.status,
    amount: p.amount,
    amount_minor: p.amount_minor,
    currency: p.currency,
    payer_phone: p.payer_phone,
    operator: p.operator,
    expires_at: p.expires_at,
    instructions: p.instructions,
  });
});
