// GET /api/payments/{payment_id}/status – current status; while pending the backend is asked
import { after } from "next/server";
import { jsonResponse, withApiAuth } from "@/server/api/rest";
import { afterUsageChange } from "@/server/jobs";
import { getPaymentContext } from "@/server/payments-config";
import { getPaymentStatus } from "@/server/services/payments/payments";

export const dynamic = "force-dynamic";

export const GET = withApiAuth<{ ref: string }>(async (_req, { db, user }, params) => {
  const p = await getPaymentStatus(db, getPaymentContext(), { paymentId: params.ref, userId: user.id, globalRole: user.role });
  // A payment completed by this check may lift a suspension at once, as the webhook does.
  if (p.status === "completed") after(() => afterUsageChange({ teamIds: [p.team_id], onlyIfSuspended: true }));
  return jsonResponse({ payment_id: p.id, ...p });
});
