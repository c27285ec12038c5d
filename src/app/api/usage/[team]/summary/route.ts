// GET /api/usage/{team}/summary?month=YYYY-MM – the team's usage summary (team slug or id), Bearer token
import { z } from "zod";
import { ZMonthKeySchema } from "@/lib/schemas/usage";
import { parseMonthKey } from "@/lib/usage-period";
import { jsonResponse, parseQuery, withApiAuth } from "@/server/api/rest";
import { getTeamAccess } from "@/server/services/teams/teams";
import { getUsageSummary } from "@/server/services/usage/usage-summary";

export const dynamic = "force-dynamic";

const ZQuerySchema = z.object({ month: ZMonthKeySchema.optional() });

export const GET = withApiAuth<{ team: string }>(async (req, { db, user }, params) => {
  const query = parseQuery(req, ZQuerySchema);
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  const summary = await getUsageSummary(db, access.team, { month: query.month ? parseMonthKey(query.month)! : undefined });
  return jsonResponse(summary);
});
