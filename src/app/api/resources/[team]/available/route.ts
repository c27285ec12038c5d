// GET /api/resources/{team}/available – the add-on catalogue with prices (members of the team)
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { listAddonCatalogue } from "@/server/services/addons/addons";
import { getBillingProfile } from "@/server/services/billing/billing-profile";

export const dynamic = "force-dynamic";

// The catalogue is priced in the team's currency (spec 14.1).
export const GET = withTeamAccess<{ team: string }>(async (_req, { db, access }) =>
  jsonResponse({ resources: listAddonCatalogue((await getBillingProfile(db, access.team.id)).currency) }),
);
