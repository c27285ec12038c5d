import { PAYMENT_METHODS, type TPaymentStatus } from "@/lib/payments";
import { and, eq, inArray } from "drizzle-orm";
import QRCode from "qrcode";
import { Webhook } from "standardwebhooks";
import { z } from "zod";
import { describeZodError } from "@/server/errors";
import { logError, logger } from "@/server/log";
import { clock } from "@/lib/clock";
import { formatMoney } from "@/lib/format";
import { newId } from "@/lib/ids";
import { isOperator, OPERATOR_NAMES } from "@/lib/mobile-money";
import { amountProblem, FRANCOPHONE_COUNTRIES, fromMinor, toMinor } from "@/lib/money";
import { type Db } from "@/server/db/client";
import { sandboxPayment } from "@/server/db/schema";
import { sameOriginUrl } from "@/lib/safe-redirect";

/**
 * The built-in sandbox payment backend (spec 7.4 and 14.4). It speaks the same contract as a real
 * backend, version 2 included (the payer on initiate, `expires_at` and `instructions` in its
 * answer, `failure_reason` on status and in callbacks), keeps its own store, and behaves by the
 * payer's number as the test mode of a real backend does (see SANDBOX_TEST_NUMBERS): some numbers
 * decide on their own after a few seconds, the others wait for the hosted page's Pay / Fail.
 * Every decision sends a Standard Webhooks–signed callback over HTTP through one function.
 */
export interface TSandboxAnswer {
  status: number;
  body: unknown;
}

type TSandboxRow = typeof sandboxPayment.$inferSelect;

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
  payer: z.object({ phone: z.string(), operator: z.string(), country: z.string() }).optional(),
});

export interface TSandboxRules {
  /** The console's address: the hosted page is under it, and payers only ever return to it. */
  publicBaseUrl: string;
  /** Loopback callbacks besides the console's own webhook (the conformance kit, development). */
  allowLoopbackCallbacks: boolean;
}

/** What the sandbox needs besides its rules: the secret its callbacks are signed with (none: the automatic behaviours decide but do not call back). */
export interface TSandboxDeps {
  webhookSecret?: string | null;
  fetch?: typeof fetch;
  /** The console's time (spec 13); defaults to its clock. */
  now?: Date;
}

/** How the sandbox simulates a payment, by the last four digits of the payer's number (spec 14.4). */
export type TSandboxBehaviour = "approve" | "insufficient_funds" | "never_approved" | "out_of_order" | "no_callback" | "hosted_page";

export const SANDBOX_TEST_NUMBERS: Record<string, Exclude<TSandboxBehaviour, "hosted_page">> = {
  "0001": "approve",
  "0002": "insufficient_funds",
  "0003": "never_approved",
  "0004": "out_of_order",
  "0005": "no_callback",
};

export function sandboxBehaviourOf(payerPhone: string | null | undefined): TSandboxBehaviour {
  return (payerPhone && SANDBOX_TEST_NUMBERS[payerPhone.slice(-4)]) || "hosted_page";
}

function positiveNumber(raw: string | undefined, fallback: number): number {
  const n = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function processEnv(): Record<string, string | undefined> {
  return typeof process === "undefined" ? {} : process.env;
}

/** The operator's approval window, SANDBOX_APPROVAL_WINDOW_S seconds (default 600): the sandbox's `expires_at` is the start plus this. */
export function sandboxApprovalWindowS(vars = processEnv()): number {
  return positiveNumber(vars.SANDBOX_APPROVAL_WINDOW_S, 600);
}

/** How long the automatic test numbers take to decide, SANDBOX_AUTO_DECISION_MS (default 5000; shorter only in tests). */
export function sandboxAutoDecisionMs(vars = processEnv()): number {
  return positiveNumber(vars.SANDBOX_AUTO_DECISION_MS, 5000);
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

function refusePayer(payer: z.infer<typeof ZSandboxInitiate>["payer"]): TSandboxAnswer | null {
  if (!payer) return null;
  if (!/^\+[1-9]\d{6,14}$/.test(payer.phone))
    return fail(400, "invalid_phone", `payer.phone: ${JSON.stringify(payer.phone)} is not an E.164 number such as +2250707123456`);
  if (!isOperator(payer.operator))
    return fail(400, "invalid_request", `payer.operator: ${JSON.stringify(payer.operator)} is not an operator the sandbox knows`);
  if (!/^[A-Z]{2}$/.test(payer.country)) return fail(400, "invalid_request", "payer.country: must be an ISO 3166 code such as CI");
  return null;
}

/** What the payer is told to do (contract v2 `instructions`): in French when the payer's country reads French first, else in English; a card page in both. */
export function sandboxInstructions(input: {
  paymentMethod: string;
  amountMinor: number;
  currency: string;
  operator: string | null;
  country: string | null;
}): string {
  const french = !!input.country && (FRANCOPHONE_COUNTRIES as readonly string[]).includes(input.country);
  if (input.paymentMethod !== "mobile_money") return "Terminez le paiement sur la page. / Complete the payment on the page.";
  const operator = input.operator && isOperator(input.operator) ? OPERATOR_NAMES[input.operator] : null;
  const amount = formatMoney(input.amountMinor, input.currency, french ? "fr" : "en");
  return french
    ? `Validez le paiement de ${amount} sur votre téléphone${operator ? ` (${operator})` : ""}.`
    : `Approve the payment of ${amount} on your phone${operator ? ` (${operator})` : ""}.`;
}

/**
 * Starts a sandbox payment: the same checks as a real backend, then the row, and for an automatic
 * test number its decision, scheduled after the answer (see sandboxIdle).
 */
export async function sandboxInitiate(db: Db, raw: unknown, rules: TSandboxRules, deps: TSandboxDeps = {}): Promise<TSandboxAnswer> {
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
  const payerRefusal = refusePayer(body.payer);
  if (payerRefusal) return payerRefusal;
  const now = deps.now ?? clock.now();
  const id = newId("sbx");
  const amountMinor = toMinor(body.amount, body.currency);
  const expiresAt = new Date(now.getTime() + sandboxApprovalWindowS() * 1000);
  await db.insert(sandboxPayment).values({
    id,
    paymentId: body.payment_id,
    amountMinor,
    currency: body.currency,
    paymentMethod: body.payment_method,
    description: body.description ?? null,
    callbackUrl: body.callback_url,
    returnUrl: body.return_url ?? null,
    payerPhone: body.payer?.phone ?? null,
    operator: body.payer?.operator ?? null,
    expiresAt,
    metadata: body.metadata ?? {},
    createdAt: now,
    updatedAt: now,
  });
  const behaviour = sandboxBehaviourOf(body.payer?.phone);
  if (behaviour !== "hosted_page" && behaviour !== "never_approved") {
    later(sandboxAutoDecisionMs(), () => runAutomaticDecision(db, id, deps), `sandbox payment ${id}: automatic decision`);
  }
  const paymentUrl = `${rules.publicBaseUrl.replace(/\/+$/, "")}/sandbox/pay/${id}`;
  // Mobile Money payers scan a code with their phone; the sandbox encodes the payment page.
  const qrCode = body.payment_method === "mobile_money" ? await QRCode.toDataURL(paymentUrl, { margin: 1, width: 240 }) : null;
  return {
    status: 200,
    body: {
      external_payment_id: id,
      payment_url: paymentUrl,
      qr_code: qrCode,
      status: "pending",
      expires_at: expiresAt.toISOString(),
      instructions: sandboxInstructions({
        paymentMethod: body.payment_method,
        amountMinor,
        currency: body.currency,
        operator: body.payer?.operator ?? null,
        country: body.payer?.country ?? null,
      }),
    },
  };
}

/** The stored row as it is, without applying any due decision (see readSandboxPayment). */
export async function getSandboxPayment(db: Db, id: string) {
  const [row] = await db.select().from(sandboxPayment).where(eq(sandboxPayment.id, id)).limit(1);
  return row ?? null;
}

/** The final state an automatic test number has reached by `now` (or, `force`d by its timer, reaches now), or null. */
function dueDecision(row: TSandboxRow, now: Date, force: boolean): { status: "completed" | "failed"; failureReason: string | null } | null {
  if (row.status !== "pending") return null;
  const behaviour = sandboxBehaviourOf(row.payerPhone);
  if (behaviour === "hosted_page") return null;
  if (behaviour === "never_approved") return row.expiresAt && now >= row.expiresAt ? { status: "failed", failureReason: "expired" } : null;
  if (!force && now.getTime() < row.createdAt.getTime() + sandboxAutoDecisionMs()) return null;
  return behaviour === "insufficient_funds" ? { status: "failed", failureReason: "insufficient_funds" } : { status: "completed", failureReason: null };
}

/** Moves an open sandbox payment to a final state, once (a payment already final stays as it is); answers the row as it is after. */
async function settle(db: Db, id: string, decision: { status: "completed" | "failed"; failureReason: string | null }, now: Date) {
  const [moved] = await db
    .update(sandboxPayment)
    .set({
      status: decision.status,
      failureReason: decision.failureReason,
      transactionId: decision.status === "completed" ? `txn_${newId("sbx").slice(4)}` : null,
      updatedAt: now,
    })
    .where(and(eq(sandboxPayment.id, id), inArray(sandboxPayment.status, ["pending", "processing"])))
    .returning();
  return moved ?? (await getSandboxPayment(db, id));
}

/**
 * The payment as the sandbox's rails see it at `now`: an automatic test number whose time has come
 * is decided first (0003 past its `expires_at` is failed `expired`, with no callback; the others'
 * callbacks are their timers' to send). Status reads, cancels and the hosted page go through it,
 * so the decision does not depend on a timer still being alive.
 */
export async function readSandboxPayment(db: Db, id: string, now = clock.now()): Promise<TSandboxRow | null> {
  const row = await getSandboxPayment(db, id);
  if (!row) return null;
  const due = dueDecision(row, now, false);
  return due ? settle(db, id, due, now) : row;
}

function statusBody(row: TSandboxRow, status: TPaymentStatus = row.status) {
  return {
    external_payment_id: row.id,
    status,
    amount: fromMinor(row.amountMinor, row.currency),
    currency: row.currency,
    transaction_id: row.transactionId,
    failure_reason: status === "failed" ? (row.failureReason ?? "declined") : null,
  };
}

export async function sandboxStatus(db: Db, id: string, now = clock.now()): Promise<TSandboxAnswer> {
  const row = await readSandboxPayment(db, id, now);
  return row ? { status: 200, body: statusBody(row) } : fail(404, "not_found", `no sandbox payment ${id}`);
}

export async function sandboxCancel(db: Db, id: string, now = clock.now()): Promise<TSandboxAnswer> {
  const row = await readSandboxPayment(db, id, now);
  if (!row) return fail(404, "not_found", `no sandbox payment ${id}`);
  const [moved] = await db
    .update(sandboxPayment)
    .set({ status: "cancelled", updatedAt: now })
    .where(and(eq(sandboxPayment.id, id), eq(sandboxPayment.status, "pending")))
    .returning({ id: sandboxPayment.id });
  if (!moved) return fail(409, "already_final", `the payment is already ${(await getSandboxPayment(db, id))?.status ?? row.status}`);
  return { status: 200, body: { external_payment_id: id, status: "cancelled" } };
}

export interface TSandboxDelivery {
  delivered: boolean;
  deliveryError?: string;
}

/**
 * The one signed callback of the sandbox (the hosted page's and the automatic behaviours'): the
 * row's status (or `status`, for an interim `processing`) as `payment.updated`, signed with the
 * Standard Webhooks scheme under a fresh webhook-id. Its timestamp is the machine's real time, as
 * the console checks it (transport, not the console's clock). Never throws: a failed delivery is answered.
 */
export async function sendSandboxCallback(
  row: TSandboxRow,
  opts: { webhookSecret: string; fetch?: typeof fetch; status?: TPaymentStatus },
): Promise<TSandboxDelivery> {
  try {
    const payload = JSON.stringify({ type: "payment.updated", data: statusBody(row, opts.status) });
    const msgId = `evt_${newId("evt").slice(4)}`;
    const timestamp = new Date();
    const signature = new Webhook(opts.webhookSecret).sign(msgId, timestamp, payload);
    const res = await (opts.fetch ?? fetch)(row.callbackUrl, {
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
    await res.body?.cancel().catch(() => {});
    return res.ok ? { delivered: true } : { delivered: false, deliveryError: `callback answered ${res.status}` };
  } catch (err) {
    return { delivered: false, deliveryError: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The payer's decision on the hosted page: the sandbox payment becomes completed or failed
 * (`declined`) once, and the signed webhook is sent to the callback URL. Returns where to send the
 * payer back and whether the webhook was delivered (if not, the app's status check still finds the outcome).
 */
export async function sandboxDecide(
  db: Db,
  input: { id: string; outcome: "completed" | "failed"; webhookSecret: string; fetch?: typeof fetch; now?: Date },
): Promise<{ returnUrl: string | null; status: string } & TSandboxDelivery> {
  const row = await settle(db, input.id, { status: input.outcome, failureReason: input.outcome === "failed" ? "declined" : null }, input.now ?? clock.now());
  if (!row) throw new Error(`no sandbox payment ${input.id}`);
  const delivery = await sendSandboxCallback(row, { webhookSecret: input.webhookSecret, fetch: input.fetch });
  return { returnUrl: row.returnUrl, status: row.status, ...delivery };
}

/**
 * The timer of an automatic test number: its decision (unless a status read made it already, or
 * the payment was cancelled), then its callbacks: one for 0001 and 0002, three in the wrong order
 * for 0004 (completed, processing, completed), none for 0005.
 */
async function runAutomaticDecision(db: Db, id: string, deps: TSandboxDeps): Promise<void> {
  const row = await getSandboxPayment(db, id);
  if (!row) return;
  const behaviour = sandboxBehaviourOf(row.payerPhone);
  const now = clock.now();
  const due = dueDecision(row, now, true);
  const decided = due ? await settle(db, id, due, now) : row;
  if (!decided) return;
  const expected = behaviour === "insufficient_funds" ? "failed" : "completed";
  if (decided.status !== expected || behaviour === "no_callback") return;
  if (!deps.webhookSecret) {
    logger.warn({ payment_id: id, status: decided.status }, "sandbox: no webhook secret to sign the payment's callback with");
    return;
  }
  const sequence: TPaymentStatus[] = behaviour === "out_of_order" ? ["completed", "processing", "completed"] : [decided.status];
  for (const status of sequence) {
    const delivery = await sendSandboxCallback(decided, { webhookSecret: deps.webhookSecret, fetch: deps.fetch, status });
    if (!delivery.delivered) logger.warn({ payment_id: id, status, error: delivery.deliveryError }, "sandbox: callback not delivered");
  }
}

const registry = globalThis as unknown as { __servelinkSandboxWork?: Set<Promise<void>> };
const work = (registry.__servelinkSandboxWork ??= new Set());

/** Runs `job` after `ms`, after the HTTP answer; kept in the registry sandboxIdle waits for, and never throws (a failure is logged). */
function later(ms: number, job: () => Promise<void>, label: string): void {
  const done: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, ms))
    .then(job)
    .catch((err: unknown) => logError(label, err))
    .finally(() => work.delete(done));
  work.add(done);
}

/** Resolves once no sandbox decision or callback is waiting or running (tests await it instead of sleeping). */
export async function sandboxIdle(): Promise<void> {
  while (work.size) await Promise.all([...work]);
}
