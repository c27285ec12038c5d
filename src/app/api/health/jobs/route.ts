// GET /api/health/jobs – each scheduled job's last success: 200 while every one is within its allowance (26 h daily, 32 days monthly, 10 minutes for deliver-webhooks), 503 with the reason when not
import { getDb } from "@/server/db-config";
import { checkJobs } from "@/server/services/health/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const result = await checkJobs(await getDb());
    return Response.json({ status: result.ok ? "ok" : "late", ...result }, { status: result.ok ? 200 : 503 });
  } catch {
    return Response.json({ status: "unavailable", ok: false, reason: "the database does not answer", jobs: [] }, { status: 503 });
  }
}
