// GET /api/payments/{payment_id}/status – current status; while pending its provider is asked
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { followUpPayment } from "@/server/after-response";
import { getPaymentContext } from "@/server/payments-config";
import { getPaymentStatus } from "@/server/services/payments/payments";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ ref: string }>(async (_req, { db, user }, params) => {
  // A payment this check settles is followed up as the webhook would have: its notice e-mailed,
  // and a completed one may lift a suspension at once.
  const p = await getPaymentStatus(db, getPaymentContext(), { paymentId: params.ref, userId: user.id, globalRole: user.role }, followUpPayment);
  return jsonResponse({ payment_id: p.id, ...p });
});
