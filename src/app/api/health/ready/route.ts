// GET /api/health/ready – readiness: 200 when the database answers, 503 with the reason when not. With REDIS_URL, `checks.redis`
// says whether the shared rate limits' store answers; its outage leaves the instance ready ({ ok: false, mode: "degraded" }, spec 17).
import { getDb } from "@/server/db-config";
import { limitStore } from "@/server/limits-config";
import { checkReadiness } from "@/server/services/health/readiness";
import { checkLimitStore } from "@/server/shared-limits";

export const dynamic = "force-dynamic";

export async function GET() {
  const [result, redis] = await Promise.all([
    checkReadiness(getDb),
    limitStore()
      .then((s) => checkLimitStore(s))
      .catch(() => null),
  ]);
  const checks = redis ? { ...result.checks, redis } : result.checks;
  return Response.json({ status: result.ready ? "ready" : "unavailable", checks }, { status: result.ready ? 200 : 503 });
}
