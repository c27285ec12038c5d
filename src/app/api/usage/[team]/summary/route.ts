// GET /api/usage/{team}/summary?month=YYYY-MM – the team's usage summary (team slug or id), Bearer token
import { z } from "zod";
import { ZMonthKeySchema } from "@/lib/schemas/usage";
import { parseMonthKey } from "@/lib/usage-period";
import { jsonResponse, parseQuery, withTeamAccess } from "@/server/api/rest";
import { getUsageSummary } from "@/server/services/usage/usage-summary";

export const dynamic = "force-dynamic";

const ZQuerySchema = z.object({ month: ZMonthKeySchema.optional() });

export const GET = withTeamAccess<{ team: string }>(async (req, { db, access, now }) => {
  const query = parseQuery(req, ZQuerySchema);
  const summary = await getUsageSummary(db, access.team, { month: query.month ? parseMonthKey(query.month)! : undefined, now });
  return jsonResponse(summary);
});
