// GET /api/usage/{team}/export?month=YYYY-MM – the month's daily usage rows as a CSV download
import { z } from "zod";
import { ZMonthKeySchema } from "@/lib/schemas/usage";
import { parseMonthKey } from "@/lib/usage-period";
import { parseQuery, withTeamAccess } from "@/server/api/rest";
import { exportUsageCsv } from "@/server/services/usage/usage-summary";

export const dynamic = "force-dynamic";

const ZQuerySchema = z.object({ month: ZMonthKeySchema });

export const GET = withTeamAccess<{ team: string }>(async (req, { db, access }) => {
  const query = parseQuery(req, ZQuerySchema);
  const { filename, csv } = await exportUsageCsv(db, access.team.id, parseMonthKey(query.month)!);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${access.team.slug}-${filename}"`,
    },
  });
});
