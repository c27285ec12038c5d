// GET /api/resources/{team}/available – the add-on catalogue with prices (members of the team)
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { listAddonCatalogue } from "@/server/services/addons/addons";

export const dynamic = "force-dynamic";

// The catalogue is the same for every team; the team in the path must still be the caller's.
export const GET = withTeamAccess<{ team: string }>(async () => jsonResponse({ resources: listAddonCatalogue() }));
