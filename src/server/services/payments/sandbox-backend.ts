import { PAYMENT_METHODS } from "@/lib/payments";
import { eq, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { describeZodError } from "@/server/errors";
import { newId } from "@/lib/ids";
import { amountProblem, fromMinor, toMinor } from "@/lib/money";
import { rowsOf, type Db } from "@/server/db/client";
import { sandboxPayment } from "@/server/db/schema";
import { sameOriginUrl } from "@/lib/safe-redirect";

/**
 * The built-in sandbox payment backend (spec 7.4). It speaks the same contract as a real backend
 * (its answers and its `{ error: { code, message } }` errors), keeps its own store, and on the
 * hosted page's Pay / Fail sends a Standard Webhooks–signed callback over HTTP.
 */
export interface TSandboxAnswer {
  status: number;
  body: unknown;
}

const fail = (status: number, code: string, message: string): TSandboxAnswer => ({ status, body: { error: { code, message } } });

const ZSandboxInitiate = z.object({
  payment_id: z.string().min(1),
  amount: z.number(),
  currency: z.string(),
  payment_method: z.string(),
  description: z.string().optional(),
  callback_url: z.url(),
  return_url: z.url().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export interface TSandboxRules {
  /** The console's address: the hosted page is under it, and payers only ever return to it. */
  publicBaseUrl: string;
  /** Loopback callbacks besides the console's own webhook (the conformance kit, development). */
  allowLoopbackCallbacks: boolean;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Spec 13: the sandbox signs its callbacks with the console's real webhook secret, so it may call
 * back only the console's own webhook route (and loopback addresses where allowed), and send payers
 * back only to the console: otherwise anyone with its key could have signed webhooks posted anywhere.
 */
function refuseForeignUrls(body: { callback_url: string; return_url?: string }, rules: TSandboxRules): TSandboxAnswer | null {
  const base = rules.publicBaseUrl.replace(/\/+$/, "");
  const callback = new URL(body.callback_url);
  const own = callback.href === new URL(`${base}/api/payments/callback`).href;
  if (!own && !(rules.allowLoopbackCallbacks && LOOPBACK_HOSTS.has(callback.hostname))) {
    return fail(400, "invalid_callback_url", `callback_url: the sandbox only calls back this console's webhook, ${base}/api/payments/callback`);
  }
  if (body.return_url !== undefined && !sameOriginUrl(body.return_url, base)) {
    return fail(400, "invalid_return_url", `return_url: payers only return to this console (${new URL(base).origin})`);
  }
  return null;
}

export async function sandboxInitiate(db: Db, raw: unknown, rules: TSandboxRules): Promise<TSandboxAnswer> {
  const parsed = ZSandboxInitiate.safeParse(raw);
  if (!parsed.success) return fail(400, "invalid_request", describeZodError(parsed.error));
  const body = parsed.data;
  const refusal = refuseForeignUrls(body, rules);
  if (refusal) return refusal;
  if (!(body.amount > 0)) return fail(400, "invalid_amount", "amount must be positive");
  if (!/^[A-Z]{3}$/.test(body.currency)) return fail(400, "invalid_currency", "currency must be an ISO code such as EUR");
  const amountRefusal = amountProblem(body.amount, body.currency);
  if (amountRefusal) return fail(400, amountRefusal.startsWith("currency") ? "invalid_currency" : "invalid_amount", amountRefusal);
  if (!(PAYMENT_METHODS as readonly string[]).includes(body.payment_method))
    return fail(400, "unsupported_method", `payment_method ${body.payment_method} is not supported`);
  const id = newId("sbx");
  await db.insert(sandboxPayment).values({
    id,
    paymentId: body.payment_id,
    amountMinor: toMinor(body.amount, body.currency),
    currency: body.currency,
    paymentMethod: body.payment_method,
    description: body.description ?? null,
    callbackUrl: body.callback_url,
    returnUrl: body.return_url ?? null,
    metadata: body.metadata ?? {},
  });
  const paymentUrl = `${rules.publicBaseUrl.replace(/\/+$/, "")}/sandbox/pay/${id}`;
  // Mobile Money payers scan a code with their phone; the sandbox encodes the payment page.
  const qrCode = body.payment_method === "mobile_money" ? await QRCode.toDataURL(paymentUrl, { margin: 1, width: 240 }) : null;
  return { status: 200, body: { external_payment_id: id, payment_url: paymentUrl, qr_code: qrCode, status: "pending" } };
}

export async function getSandboxPayment(db: Db, id: string) {
  const [row] = await db.select().from(sandboxPayment).where(eq(sandboxPayment.id, id)).limit(1);
  return row ?? null;
}

function statusBody(row: typeof sandboxPayment.$inferSelect) {
  return {
    external_payment_id: row.id,
    status: row.status,
    amount: fromMinor(row.amountMinor, row.currency),
    currency: row.currency,
    transaction_id: row.transactionId,
  };
}

export async function sandboxStatus(db: Db, id: string): Promise<TSandboxAnswer> {
  const row = await getSandboxPayment(db, id);
  return row ? { status: 200, body: statusBody(row) } : fail(404, "not_found", `no sandbox payment ${id}`);
}

export async function sandboxCancel(db: Db, id: string): Promise<TSandboxAnswer> {
  const moved = rowsOf<{ id: string }>(
    await db.execute(sql`update sandbox_payment set status = 'cancelled', updated_at = now() where id = ${id} and status = 'pending' returning id`),
  );
  const row = await getSandboxPayment(db, id);
  if (!row) return fail(404, "not_found", `no sandbox payment ${id}`);
  if (moved.length === 0) return fail(409, "already_final", `the payment is already ${row.status}`);
  return { status: 200, body: { external_payment_id: id, status: "cancelled" } };
}

/**
 * The payer's decision on the hosted page: the sandbox payment becomes completed or failed (once),
 * and the signed webhook is sent to the callback URL. Returns where to send the payer back and
 * whether the webhook was delivered (if not, the app's status check still finds the outcome).
 */
export async function sandboxDecide(
  db: Db,
  input: { id: string; outcome: "completed" | "failed"; webhookSecret: string; fetch?: typeof fetch },
): Promise<{ returnUrl: string | null; status: string; delivered: boolean; deliveryError?: string }> {
  const transactionId = input.outcome === "completed" ? `txn_${newId("sbx").slice(4)}` : null;
  await db.execute(sql`
    update sandbox_payment set status = ${input.outcome}, transaction_id = ${transactionId}, updated_at = now()
    where id = ${input.id} and status in ('pending', 'processing')`);
  const row = await getSandboxPayment(db, input.id);
  if (!row) throw new Error(`no sandbox payment ${input.id}`);
  const payload = JSON.stringify({
    type: "payment.updated",
    data: { ...statusBody(row), failure_reason: row.status === "failed" ? "The payer declined the payment (sandbox)." : null },
  });
  const msgId = `evt_${newId("evt").slice(4)}`;
  const timestamp = new Date();
  const signature = new Webhook(input.webhookSecret).sign(msgId, timestamp, payload);
  try {
    const res = await (input.fetch ?? fetch)(row.callbackUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": msgId,
        "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body: payload,
      signal: AbortSignal.timeout(10_000),
    });
    const delivered = res.ok;
    return { returnUrl: row.returnUrl, status: row.status, delivered, deliveryError: delivered ? undefined : `callback answered ${res.status}` };
  } catch (err) {
    return { returnUrl: row.returnUrl, status: row.status, delivered: false, deliveryError: err instanceof Error ? err.message : String(err) };
  }
}
