// GET /api/payments/{payment_id}/status – current status; while pending the backend is asked
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { getPaymentContext } from "@/server/payments-config";
import { getPaymentStatus } from "@/server/services/payments/payments";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ ref: string }>(async (_req, { db, user }, params) => {
  const p = await getPaymentStatus(db, getPaymentContext(), { paymentId: params.ref, userId: user.id, globalRole: user.role });
  return jsonResponse({ payment_id: p.id, ...p });
});
