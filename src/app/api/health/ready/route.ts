// GET /api/health/ready – readiness: 200 when the database answers, 503 with the reason when not
import { getDb } from "@/server/db-config";
import { checkReadiness } from "@/server/services/health/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await checkReadiness(getDb);
  return Response.json({ status: result.ready ? "ready" : "unavailable", checks: result.checks }, { status: result.ready ? 200 : 503 });
}
