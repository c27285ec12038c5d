// POST /api/billing/{team}/auto-renew – switch automatic renewal from the balance for Pro or one add-on (owners and admins); answers the balance view
import { ZAutoRenewSchema } from "@/lib/schemas/billing";
import { jsonResponse, parseJsonBody, withTeamAccess } from "@/server/api/rest";
import { setAutoRenew } from "@/server/services/billing/auto-renew";

export const dynamic = "force-dynamic";

export const POST = withTeamAccess<{ team: string }>(async (req, { db, access }) => {
  const body = await parseJsonBody(req, ZAutoRenewSchema);
  return jsonResponse(await setAutoRenew(db, { access, item: body.item, enabled: body.enabled }));
});
