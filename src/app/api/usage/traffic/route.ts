// POST /api/usage/traffic – the edge proxy reports traffic; Bearer INGEST_TOKEN; Idempotency-Key makes retries count once
import { createHash } from "node:crypto";
import { env } from "@/env.js";
import { ZTrafficBatchSchema } from "@/lib/schemas/usage";
import { jsonResponse, parseJsonText, toErrorResponse } from "@/server/api/rest";
import { bearerToken, safeEqual } from "@/server/api/request-auth";
import { getDb } from "@/server/db-config";
import { DomainError } from "@/server/errors";
import { followUpTraffic } from "@/server/after-response";
import { countIngestBatch, ingestRefusal, timeRequest } from "@/server/metrics";
import { recordTraffic } from "@/server/services/usage/record-traffic";

export const dynamic = "force-dynamic";

function isIngestToken(token: string | null): boolean {
  const expected = env.INGEST_TOKEN;
  if (!expected || !token) return false;
  return safeEqual(token, expected);
}

export function POST(req: Request) {
  return timeRequest("/api/usage/traffic", req, () => ingest(req));
}

async function ingest(req: Request): Promise<Response> {
  try {
    if (!isIngestToken(bearerToken(req.headers))) {
      throw new DomainError("UNAUTHORIZED", "Send the ingest token as 'Authorization: Bearer <INGEST_TOKEN>'.", { reason: "invalid_ingest_token" });
    }
    const key = req.headers.get("idempotency-key")?.trim() || null;
    if (key && key.length > 200) throw new DomainError("BAD_REQUEST", "Idempotency-Key: must be at most 200 characters");
    const text = await req.text();
    const batch = parseJsonText(text, ZTrafficBatchSchema);
    // The key is bound to this very body (spec 13): hashing the text costs far less than the events.
    const requestHash = key ? createHash("sha256").update(text).digest("hex") : null;
    const result = await recordTraffic(await getDb(), batch, { idempotencyKey: key, requestHash });
    const { replayed, teamIds, wokenProjectIds, ...body } = result;
    // A replay's events were counted when first sent.
    if (replayed) countIngestBatch("replayed");
    else countIngestBatch("accepted", batch.events, body.rejected);
    // Levels, alerts, suspension and waking happen right away for the teams touched, after the answer.
    followUpTraffic({ teamIds, wokenProjectIds });
    return jsonResponse(body, { headers: replayed ? { "idempotent-replayed": "true" } : {} });
  } catch (err) {
    const response = toErrorResponse(err);
    countIngestBatch(ingestRefusal(response.status));
    return response;
  }
}
