"use server";

import { redirect } from "next/navigation";
import { getSandboxDb, paymentWebhookSecret } from "@/server/payments-config";
import { logger } from "@/server/log";
import { sandboxDecide } from "@/server/services/payments/sandbox-backend";

/** The payer's click on the sandbox page: decide, send the signed webhook, go back to Billing. */
export async function decideSandboxPayment(id: string, outcome: "completed" | "failed") {
  const db = await getSandboxDb();
  const result = await sandboxDecide(db, { id, outcome, webhookSecret: paymentWebhookSecret()! });
  if (!result.delivered) logger.warn({ payment_id: id, error: result.deliveryError }, "sandbox: webhook not delivered");
  redirect(result.returnUrl ?? "/");
}
