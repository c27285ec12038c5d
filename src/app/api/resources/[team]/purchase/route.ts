// POST /api/resources/{team}/purchase – buy add-on units for 30 days (Pro teams, owners and admins)
import { jsonResponse, parseJsonBody, withApiAuth } from "@/server/api/rest";
import { ZPurchaseAddonSchema } from "@/lib/schemas/addons";
import { getPaymentContext } from "@/server/payments-config";
import { purchaseAddon } from "@/server/services/addons/addons";
import { getTeamAccess } from "@/server/services/teams/teams";

export const dynamic = "force-dynamic";

export const POST = withApiAuth<{ team: string }>(async (req, { db, user }, params) => {
  const body = await parseJsonBody(req, ZPurchaseAddonSchema);
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  const result = await purchaseAddon(db, getPaymentContext(), {
    access,
    userId: user.id,
    resourceType: body.resource_type,
    quantity: body.quantity,
    paymentMethod: body.payment_method,
  });
  return jsonResponse(result);
});
