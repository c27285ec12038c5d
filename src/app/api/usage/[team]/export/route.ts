// GET /api/usage/{team}/export?month=YYYY-MM – the month's daily usage rows as a CSV download
import { z } from "zod";
import { ZMonthKeySchema } from "@/lib/schemas/usage";
import { parseMonthKey } from "@/lib/usage-period";
import { parseQuery, withApiAuth } from "@/server/api/rest";
import { getTeamAccess } from "@/server/services/teams/teams";
import { exportUsageCsv } from "@/server/services/usage/usage-summary";

export const dynamic = "force-dynamic";

const ZQuerySchema = z.object({ month: ZMonthKeySchema });

export const GET = withApiAuth<{ team: string }>(async (req, { db, user }, params) => {
  const query = parseQuery(req, ZQuerySchema);
  const access = await getTeamAccess(db, { teamRef: params.team, userId: user.id, globalRole: user.role });
  const { filename, csv } = await exportUsageCsv(db, access.team.id, parseMonthKey(query.month)!);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${access.team.slug}-${filename}"`,
    },
  });
});
