import { PAYMENT_STATUSES, type TPaymentMethod, type TRailMethod } from "@/lib/payments";
import { z } from "zod";
import { DomainError } from "@/server/errors";
import { amountProblem, fromMinor, toMinor } from "@/lib/money";
import type { TPaymentProvider } from "@/server/services/payments/provider";

/** The contract of spec 7.2, as this client sends and reads it (documented in docs/payment-backend.md). */
export interface TBackendInitiateRequest {
  payment_id: string;
  amount: number;
  currency: string;
  payment_method: "mobile_money" | "credit_card";
  description: string;
  callback_url: string;
  return_url: string;
  metadata: Record<string, unknown>;
  /** Contract v2, Mobile Money only: who approves the prompt. A version 1 backend ignores it. */
  payer?: { phone: string; operator: string; country: string };
}

const ZInitiateAnswer = z.object({
  external_payment_id: z.string().min(1),
  payment_url: z.url(),
  qr_code: z.string().nullable().optional(),
  status: z.enum(PAYMENT_STATUSES),
  /** Contract v2 (optional): when the operator's approval window closes, and what the payer must do. */
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
  instructions: z.string().max(1000).nullable().optional(),
});
const ZStatusAnswer = z.object({
  external_payment_id: z.string().min(1),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.number().nonnegative(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  transaction_id: z.string().nullable().optional(),
  /** Contract v2 (optional): why a failed payment failed (`insufficient_funds`, `expired`, `declined`…). */
  failure_reason: z.string().max(1000).nullable().optional(),
});
const ZCancelAnswer = z.object({ external_payment_id: z.string().min(1), status: z.enum(PAYMENT_STATUSES) });
const ZErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

export type TBackendInitiateAnswer = z.infer<typeof ZInitiateAnswer>;
export type TBackendStatusAnswer = z.infer<typeof ZStatusAnswer>;

export interface TPaymentBackend {
  initiate(body: TBackendInitiateRequest): Promise<TBackendInitiateAnswer>;
  status(externalPaymentId: string): Promise<TBackendStatusAnswer>;
  cancel(externalPaymentId: string): Promise<z.infer<typeof ZCancelAnswer>>;
}

export interface TPaymentBackendOptions {
  /** The root its `/payments/…` paths are under: `${PAYMENT_BACKEND_URL}/api/v1` (spec 7.2), or the sandbox's `${BASE_URL}/api/sandbox/v1`. */
  apiUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The HTTP client of the payment backend (real or sandbox: same code). Every failure becomes a
 * BAD_GATEWAY DomainError whose message says what happened: unreachable, timed out, an error
 * answer (with the backend's `error.code`), or an answer that does not follow the contract.
 */
export function createPaymentBackendClient(opts: TPaymentBackendOptions): TPaymentBackend {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const base = opts.apiUrl.replace(/\/+$/, "");

  async function call<T>(method: "GET" | "POST", path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(`${base}/payments${path}`, {
        method,
        headers: { "x-api-key": opts.apiKey, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
        cache: "no-store",
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      throw new DomainError(
        "BAD_GATEWAY",
        timedOut
          ? `The payment backend did not answer within ${timeoutMs / 1000} s. Try again in a moment.`
          : "The payment backend cannot be reached right now. Try again in a moment.",
        { reason: timedOut ? "payment_backend_timeout" : "payment_backend_unreachable", cause: err },
      );
    }
    const text = await res.text().catch(() => "");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const parsed = ZErrorAnswer.safeParse(json);
      const code = parsed.success ? parsed.data.error.code : `http_${res.status}`;
      const detail = parsed.success && parsed.data.error.message ? `: ${parsed.data.error.message}` : "";
      throw new DomainError("BAD_GATEWAY", `The payment backend refused the request (${code}${detail}).`, {
        reason: "payment_backend_error",
        details: { backend_status: res.status, backend_code: code },
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new DomainError("BAD_GATEWAY", "The payment backend sent an answer that does not follow the contract.", {
        reason: "payment_backend_bad_answer",
      });
    }
    return parsed.data;
  }

  return {
    initiate: (body) => call("POST", "/initiate", ZInitiateAnswer, body),
    status: (id) => call("GET", `/${encodeURIComponent(id)}/status`, ZStatusAnswer),
    cancel: (id) => call("POST", `/${encodeURIComponent(id)}/cancel`, ZCancelAnswer, {}),
  };
}

/** The payment backend of section 7.2 (real or sandbox) as a provider. */
export function backendProvider(client: TPaymentBackend, callbackUrl: string): TPaymentProvider {
  return {
    id: "payment_backend",
    async start(input) {
      const p = input.payment;
      const answer = await client.initiate({
        payment_id: p.id,
        amount: fromMinor(p.amountMinor, p.currency),
        currency: p.currency,
        payment_method: railMethod(p.paymentMethod),
        description: input.description,
        callback_url: callbackUrl,
        return_url: input.returnUrl,
        metadata: { team_id: p.teamId, purpose: p.purpose },
        ...(input.payer ? { payer: input.payer } : {}),
      });
      return {
        externalPaymentId: answer.external_payment_id,
        paymentUrl: answer.payment_url,
        qrCode: answer.qr_code ?? null,
        status: answer.status,
        expiresAt: answer.expires_at ? new Date(answer.expires_at) : null,
        instructions: answer.instructions ?? null,
      };
    },
    async status(externalPaymentId) {
      const answer = await client.status(externalPaymentId);
      const problem = amountProblem(answer.amount, answer.currency);
      if (problem) {
        throw new DomainError("BAD_GATEWAY", `The payment backend reported an amount that cannot be right: ${problem}.`, {
          reason: "payment_backend_bad_answer",
        });
      }
      return {
        status: answer.status,
        amountMinor: toMinor(answer.amount, answer.currency),
        currency: answer.currency,
        transactionId: answer.transaction_id ?? null,
        failureReason: answer.failure_reason ?? null,
      };
    },
    cancel: (externalPaymentId) => client.cancel(externalPaymentId),
  };
}

/** The backend takes the payer's rails only; a purchase from the balance never reaches a provider. */
function railMethod(method: TPaymentMethod): TRailMethod {
  if (method === "balance") throw new TypeError("a payment from the balance has no provider to start it");
  return method;
}
