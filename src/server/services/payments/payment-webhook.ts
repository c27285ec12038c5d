import { sql } from "drizzle-orm";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { toCents, ZPaymentWebhookSchema } from "../../../lib/schemas/payments";
import { rowsOf, type Db } from "../../db/client";
import { webhookEvent } from "../../db/schema";
import { describeZodError } from "../../api/error-mapping";
import { applyPaymentUpdateInTransaction } from "./payment-state";

export interface TWebhookAnswer {
  status: number;
  body: { received: true; outcome: string } | { error: { code: string; message: string } };
  /** The team whose payment changed state, for the evaluation that follows. */
  teamId?: string;
}

const answer = (status: number, outcome: string): TWebhookAnswer => ({ status, body: { received: true, outcome } });
const refuse = (status: number, code: string, message: string): TWebhookAnswer => ({ status, body: { error: { code, message } } });

/**
 * `POST /api/payments/callback` (spec 7.3). Verifies the Standard Webhooks signature on the raw
 * body (5-minute tolerance) before anything else: a bad one is a 401 and nothing is written.
 * Then, in one transaction: the delivery is recorded in `webhook_event` (a `webhook-id` seen
 * before answers 200 and changes nothing; concurrent copies wait for the first), and the update
 * goes through the payment status machine. Unknown payment → 404, amount or currency mismatch →
 * 422, both recorded.
 */
export async function handlePaymentWebhook(
  db: Db,
  input: { rawBody: string; headers: Headers; secret: string },
): Promise<TWebhookAnswer> {
  const headers = {
    "webhook-id": input.headers.get("webhook-id") ?? "",
    "webhook-timestamp": input.headers.get("webhook-timestamp") ?? "",
    "webhook-signature": input.headers.get("webhook-signature") ?? "",
  };
  try {
    new Webhook(input.secret).verify(input.rawBody, headers);
  } catch (err) {
    const message = err instanceof WebhookVerificationError ? err.message : "Invalid signature";
    return refuse(401, "invalid_signature", `Webhook signature rejected: ${message}.`);
  }
  const eventId = headers["webhook-id"];
  let payload: unknown;
  try {
    payload = JSON.parse(input.rawBody);
  } catch {
    payload = null;
  }
  const parsed = ZPaymentWebhookSchema.safeParse(payload);

  return db.transaction(async (tx) => {
    const recorded = rowsOf<{ inserted: boolean; outcome: string | null }>(
      await tx.execute(sql`
        insert into webhook_event (id, provider, type, payload)
        values (${eventId}, 'payment_backend', ${parsed.success ? parsed.data.type : "invalid"}, ${JSON.stringify(payload ?? { raw: input.rawBody.slice(0, 10_000) })}::jsonb)
        on conflict (provider, id) do update
          set delivery_count = webhook_event.delivery_count + 1, last_received_at = now()
        returning (xmax = 0) as inserted, outcome`),
    );
    if (!recorded[0]!.inserted) return answer(200, "duplicate");

    const finish = async (outcome: "processed" | "rejected" | "unknown_payment" | "invalid", detail: string | null, paymentId?: string) => {
      await tx
        .update(webhookEvent)
        .set({ outcome, detail, processedAt: new Date(), paymentId: paymentId ?? null })
        .where(sql`${webhookEvent.provider} = 'payment_backend' and ${webhookEvent.id} = ${eventId}`);
    };

    if (!parsed.success) {
      const message = describeZodError(parsed.error);
      await finish("invalid", message);
      return refuse(400, "invalid_request", message);
    }
    const data = parsed.data.data;
    const result = await applyPaymentUpdateInTransaction(tx, { externalPaymentId: data.external_payment_id }, {
      status: data.status,
      amountCents: toCents(data.amount),
      currency: data.currency,
      transactionId: data.transaction_id ?? null,
      failureReason: data.failure_reason ?? null,
      source: "webhook",
    });
    if (result.outcome === "not_found") {
      await finish("unknown_payment", `no payment with external_payment_id ${data.external_payment_id}`);
      return refuse(404, "unknown_payment", `No payment has external_payment_id ${data.external_payment_id}.`);
    }
    if (result.outcome === "mismatch") {
      await finish("rejected", result.detail, result.payment.id);
      return refuse(422, "amount_mismatch", `The payment was not updated: ${result.detail}.`);
    }
    const detail = result.outcome === "applied" ? `${result.previous} → ${result.payment.status}` : result.outcome === "unchanged" ? `stays ${result.payment.status}` : null;
    await finish("processed", detail, result.payment.id);
    return { ...answer(200, result.outcome === "applied" ? "applied" : "unchanged"), teamId: result.outcome === "applied" ? result.payment.teamId : undefined };
  });
}
