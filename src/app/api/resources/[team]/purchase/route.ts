// POST /api/resources/{team}/purchase – buy add-on units for 30 days (Pro teams, owners and admins)
import { jsonResponse, parseJsonBody, withTeamAccess } from "@/server/api/rest";
import { ZPurchaseAddonSchema } from "@/lib/schemas/addons";
import { getPaymentContext } from "@/server/payments-config";
import { purchaseAddon } from "@/server/services/addons/addons";
import { followUpPayment } from "@/server/after-response";

export const dynamic = "force-dynamic";

export const POST = withTeamAccess<{ team: string }>(async (req, { db, user, access }) => {
  const body = await parseJsonBody(req, ZPurchaseAddonSchema);
  const result = await purchaseAddon(db, getPaymentContext(), {
    access,
    userId: user.id,
    resourceType: body.resource_type,
    quantity: body.quantity,
    paymentMethod: body.payment_method,
    payer: { payer_phone: body.payer_phone, operator: body.operator },
  });
  // Paid at once (from the balance): its notice and receipt go out after the answer.
  if (result.status === "completed") followUpPayment(access.team.id);
  return jsonResponse(result);
});
