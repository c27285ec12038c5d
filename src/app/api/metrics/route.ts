// GET /api/metrics – Prometheus text format (spec 17); Bearer METRICS_TOKEN, and 404 while it is unset
import { env } from "@/env.js";
import { clock } from "@/lib/clock";
import { toErrorResponse } from "@/server/api/rest";
import { bearerToken, safeEqual } from "@/server/api/request-auth";
import { getDb } from "@/server/db-config";
import { DomainError } from "@/server/errors";
import { logError } from "@/server/log";
import { renderMetrics } from "@/server/metrics";
import { readMetricsSnapshot, type TMetricsSnapshot } from "@/server/services/metrics/metrics-snapshot";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const expected = env.METRICS_TOKEN;
  // Unset: the path does not exist, as for any other unknown path.
  if (!expected) return toErrorResponse(new DomainError("NOT_FOUND", "Not found."));
  const token = bearerToken(req.headers);
  if (!token || !safeEqual(token, expected)) {
    const response = toErrorResponse(
      new DomainError("UNAUTHORIZED", "Send the metrics token as 'Authorization: Bearer <METRICS_TOKEN>'.", { reason: "invalid_metrics_token" }),
    );
    response.headers.set("www-authenticate", 'Bearer realm="metrics"');
    return response;
  }
  // A database that does not answer still leaves this process's own figures to read (database_up 0).
  let snapshot: TMetricsSnapshot | null = null;
  try {
    snapshot = await readMetricsSnapshot(await getDb(), clock.now());
  } catch (err) {
    logError("metrics: the database gauges could not be read", err);
  }
  const { contentType, text } = await renderMetrics(snapshot);
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
