// POST /api/payments/{payment_id}/cancel – cancel a pending payment (owners and admins)
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { getPaymentContext } from "@/server/payments-config";
import { cancelPayment } from "@/server/services/payments/payments";

export const dynamic = "force-dynamic";

export const POST = withApiAuth<{ ref: string }>(async (_req, { db, user }, params) => {
  const p = await cancelPayment(db, getPaymentContext(), { paymentId: params.ref, userId: user.id, globalRole: user.role });
  return jsonResponse({ payment_id: p.id, status: p.status });
});
