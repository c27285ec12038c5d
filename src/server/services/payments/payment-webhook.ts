import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { ZPaymentWebhookSchema, type TPaymentWebhook } from "@/lib/schemas/payments";
import { amountProblem, fromMinor, toMinor } from "@/lib/money";
import type { TProviderStatus } from "./provider";
import type { Db } from "@/server/db/client";
import { describeZodError } from "@/server/errors";
import { sql } from "drizzle-orm";
import { clock } from "@/lib/clock";
import { rowsOf } from "@/server/db/client";
import type { TReceiptBuyer } from "@/server/services/documents/issue";
import { applyPaymentUpdateInTransaction, paymentOfRow, type TApplyResult, type TLockedPayment } from "./payment-state";
import { finishWebhookEvent, finishWebhookEventSql, recordWebhookDelivery, type TFinish } from "./webhook-events";
import { findNulField, NUL_MESSAGE } from "@/lib/text-rules";
import { accepted, refused, type TWebhookOutcome } from "./webhook-outcome";

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
  input: {
    rawBody: string;
    headers: Headers;
    secret: string;
    /** The backend's status endpoint: a signed delivery that lacks the amount or the currency is completed from it (spec 14.3). */
    askStatus?: (externalPaymentId: string) => Promise<TProviderStatus>;
  },
): Promise<TWebhookOutcome> {
  const headers = {
    "webhook-id": input.headers.get("webhook-id") ?? "",
    "webhook-timestamp": input.headers.get("webhook-timestamp") ?? "",
    "webhook-signature": input.headers.get("webhook-signature") ?? "",
  };
  try {
    new Webhook(input.secret).verify(input.rawBody, headers, { jsonParse: false });
  } catch (err) {
    const message = err instanceof WebhookVerificationError ? err.message : "Invalid signature";
    return refused("invalid_signature", `Webhook signature rejected: ${message}.`);
  }
  // Signed by the real sender from here on: a body that is not JSON is its bad request (400, recorded).
  let payload: unknown = null;
  try {
    payload = JSON.parse(input.rawBody);
  } catch {
    payload = null;
  }
  const eventId = headers["webhook-id"];
  if (eventId.includes("\u0000")) return refused("invalid_request", `webhook-id: ${NUL_MESSAGE}`);
  const delivered = readDelivery(payload);
  // A signed delivery without its amount or currency: what the backend's status endpoint says stands for it, checked as a status check is.
  const parsed =
    delivered.success && (delivered.data.data.amount === undefined || delivered.data.data.currency === undefined)
      ? await completeFromStatus(delivered.data, input.askStatus)
      : delivered;
  if (!parsed.success && parsed.unavailable) return refused("status_unavailable", parsed.message);
  // What is kept of a delivery that cannot be read: its text, without NUL characters (jsonb refuses them).
  const recorded = parsed.success ? payload : { raw: input.rawBody.slice(0, 10_000).replaceAll("\u0000", "\\0") };

  const event = { provider: "payment_backend" as const, id: eventId };
  const type = parsed.success ? parsed.data.type : "invalid";
  // Francs with decimals (the "stored in cents, charged ×100" mistake) or another currency: refused, recorded.
  const problem = parsed.success ? amountProblem(parsed.data.data.amount!, parsed.data.data.currency!) : null;
  if (!parsed.success || problem) {
    return db.transaction(async (tx) => {
      if (!(await recordWebhookDelivery(tx, { ...event, type, payload: recorded }))) return accepted("duplicate");
      if (!parsed.success) {
        await finishWebhookEvent(tx, event, { outcome: "invalid", detail: parsed.message });
        return refused("invalid_request", parsed.message);
      }
      await finishWebhookEvent(tx, event, { outcome: "rejected", detail: problem });
      return refused("amount_mismatch", `The payment was not updated: ${problem}.`);
    });
  }
  const data = parsed.data.data as TPaymentWebhook["data"] & { amount: number; currency: string };

  return db.transaction(async (tx) => {
    const now = clock.now();
    // One statement records the delivery and, for its first copy, locks the payment and reads its team's buyer details.
    const first = await recordDeliveryLockingPayment(tx, { ...event, type, payload: recorded }, data.external_payment_id, now);
    if (!first) return accepted("duplicate");
    const finish: TFinish = (outcome, detail, paymentId) => finishWebhookEvent(tx, event, { outcome, detail, paymentId });
    const result = await applyPaymentUpdateInTransaction(
      tx,
      first,
      {
        status: data.status,
        amountMinor: toMinor(data.amount, data.currency),
        currency: data.currency,
        transactionId: data.transaction_id ?? null,
        failureReason: data.failure_reason ?? null,
        source: "webhook",
      },
      now,
      // The event's outcome is written with the payment's move, before the receipt takes its number.
      {
        alongsideMove: (moved, previous) => [
          finishWebhookEventSql(event, { outcome: "processed", detail: processedDetail(previous, moved.status), paymentId: moved.id }, now),
        ],
      },
    );
    return settleWebhookUpdate(result, finish, data.external_payment_id, { movedRecorded: true });
  });
}

/**
 * `recordWebhookDelivery` and, for the first copy of the event only, the payment locked `for update`
 * with its team's buyer details, in one statement: the event's row first (concurrent copies wait
 * on it, as they do on their own), then the payment's. Null for a repeat.
 */
async function recordDeliveryLockingPayment(
  tx: Db,
  event: { provider: "payment_backend"; id: string; type: string; payload: unknown },
  externalPaymentId: string,
  now: Date,
): Promise<TLockedPayment | null> {
  const at = now.toISOString();
  const [row] = rowsOf<Record<string, unknown> & { inserted: boolean; payment_id: string | null }>(
    await tx.execute(sql`
      with ins as (
        insert into webhook_event (id, provider, type, payload, received_at, last_received_at)
        values (${event.id}, ${event.provider}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${at}::timestamptz, ${at}::timestamptz)
        on conflict (provider, id) do update
          set delivery_count = webhook_event.delivery_count + 1, last_received_at = ${at}::timestamptz
        returning (xmax = 0) as inserted
      )
      select ins.inserted, p.id as payment_id, p.*,
             t.slug as buyer_slug, t.name as buyer_name, b.legal_name as buyer_legal_name, b.address as buyer_address, b.country as buyer_country,
             b.tax_id as buyer_tax_id, b.billing_email as buyer_email, b.document_language as buyer_document_language
      from ins
      left join lateral (
        select * from payment where ins.inserted and external_payment_id = ${externalPaymentId} and provider = ${event.provider} for update
      ) p on true
      left join team t on t.id = p.team_id
      left join billing_profile b on b.team_id = p.team_id`),
  );
  if (!row!.inserted) return null;
  if (!row!.payment_id) return { locked: null };
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    locked: paymentOfRow(row!),
    buyer:
      row!.buyer_slug === null || row!.buyer_slug === undefined
        ? undefined
        : {
            slug: String(row!.buyer_slug),
            name: String(row!.buyer_name),
            legalName: text(row!.buyer_legal_name),
            address: text(row!.buyer_address),
            country: text(row!.buyer_country),
            taxId: text(row!.buyer_tax_id),
            email: text(row!.buyer_email),
            documentLanguage: text(row!.buyer_document_language) as TReceiptBuyer["documentLanguage"],
          },
  };
}

const processedDetail = (previous: string, status: string) => `${previous} → ${status}`;

type TDelivery = { success: true; data: TPaymentWebhook } | { success: false; message: string; unavailable?: boolean };

/** A delivery that lacks fields, with the status endpoint's status, amount, currency and reason in their place. */
async function completeFromStatus(event: TPaymentWebhook, askStatus: ((id: string) => Promise<TProviderStatus>) | undefined): Promise<TDelivery> {
  const id = event.data.external_payment_id;
  if (!askStatus) return { success: false, message: "data.amount and data.currency: required" };
  let answer: TProviderStatus;
  try {
    answer = await askStatus(id);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      success: false,
      unavailable: true,
      message: `The delivery lacks its amount or currency and the status endpoint could not be asked (${why}); send it again.`,
    };
  }
  if (answer.amountMinor === undefined || answer.currency === undefined) return { success: false, message: "data.amount and data.currency: required" };
  return {
    success: true,
    data: {
      ...event,
      data: {
        ...event.data,
        status: answer.status,
        amount: fromMinor(answer.amountMinor, answer.currency),
        currency: answer.currency,
        transaction_id: event.data.transaction_id ?? answer.transactionId,
        failure_reason: event.data.failure_reason ?? answer.failureReason ?? null,
      },
    },
  };
}

/** The delivery's event, or why it cannot be read (the answer's and the record's message). */
function readDelivery(payload: unknown): TDelivery {
  const nulField = findNulField(payload);
  if (nulField) return { success: false, message: `${nulField}: ${NUL_MESSAGE}` };
  if (payload === null) return { success: false, message: "body: must be valid JSON" };
  const r = ZPaymentWebhookSchema.safeParse(payload);
  return r.success ? { success: true, data: r.data } : { success: false, message: describeZodError(r.error) };
}

/**
 * A webhook's answer for the status machine's result, recorded on its event: unknown payment 404,
 * amount or currency mismatch 422 (the payment untouched), otherwise 200 `applied` or `unchanged`,
 * with the team to follow up when it moved.
 */
export async function settleWebhookUpdate(
  result: TApplyResult,
  finish: TFinish,
  externalId: string,
  opts: { movedRecorded?: boolean } = {},
): Promise<TWebhookOutcome> {
  if (result.outcome === "not_found") {
    await finish("unknown_payment", `no payment with external_payment_id ${externalId}`);
    return refused("unknown_payment", `No payment has external_payment_id ${externalId}.`);
  }
  if (result.outcome === "mismatch") {
    await finish("rejected", result.detail, result.payment.id);
    return refused("amount_mismatch", `The payment was not updated: ${result.detail}.`);
  }
  if (result.outcome === "late_completion") {
    await finish("late_completion", `completed after the payment ended ${result.payment.status}: kept, not applied; support told`, result.payment.id);
    return accepted("unchanged");
  }
  const applied = result.outcome === "applied";
  // An applied move's outcome may have been written with the move itself (`alongsideMove`).
  if (!(applied && opts.movedRecorded)) {
    await finish("processed", applied ? processedDetail(result.previous, result.payment.status) : `stays ${result.payment.status}`, result.payment.id);
  }
  return accepted(applied ? "applied" : "unchanged", applied ? result.payment.teamId : undefined);
}
