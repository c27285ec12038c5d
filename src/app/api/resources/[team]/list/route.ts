// GET /api/resources/{team}/list – the team's add-ons and the totals of the active ones
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { listTeamAddons } from "@/server/services/addons/addons";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string }>(async (_req, { db, access }) => {
  return jsonResponse(await listTeamAddons(db, access.team.id));
});
