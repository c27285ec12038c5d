// POST /api/sandbox/v1/payments/initiate – sandbox payment backend (spec 7.4), same contract as a real one
import { env } from "@/env.js";
import { sandboxRoute } from "@/server/api/sandbox-http";
import { sandboxInitiate } from "@/server/services/payments/sandbox-backend";

export const dynamic = "force-dynamic";

export const POST = sandboxRoute(async (req, db) => {
  const body = await req.json().catch(() => null);
  return sandboxInitiate(db, body, { publicBaseUrl: env.BASE_URL });
});
