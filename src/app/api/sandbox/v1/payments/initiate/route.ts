// POST /api/sandbox/v1/payments/initiate – sandbox payment backend (spec 7.4, 14.4), same contract as a real one
import { sandboxRoute } from "@/server/api/sandbox-http";
import { paymentWebhookSecret, sandboxRules } from "@/server/payments-config";
import { sandboxInitiate } from "@/server/services/payments/sandbox-backend";

export const dynamic = "force-dynamic";

// The automatic test numbers call back after the answer, signed with the console's webhook secret.
export const POST = sandboxRoute(async (req, db) => {
  const body = await req.json().catch(() => null);
  return sandboxInitiate(db, body, sandboxRules(), { webhookSecret: paymentWebhookSecret() });
});
