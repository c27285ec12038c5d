// GET /api/billing/{team}/profile – the team's currency and country (members); PATCH – change them (owners and admins)
import { ZUpdateBillingProfileSchema } from "@/lib/schemas/billing";
import { jsonResponse, parseJsonBody, withTeamAccess } from "@/server/api/rest";
import { getBillingProfile, toBillingProfileView, updateBillingProfile } from "@/server/services/billing/billing-profile";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string }>(async (_req, { db, access }) =>
  jsonResponse(toBillingProfileView(await getBillingProfile(db, access.team.id))),
);

export const PATCH = withTeamAccess<{ team: string }>(async (req, { db, access }) => {
  const body = await parseJsonBody(req, ZUpdateBillingProfileSchema);
  return jsonResponse(toBillingProfileView(await updateBillingProfile(db, { access, body })));
});
