import "server-only";
import { env } from "../env.js";
import { getDb } from "./db";
import { DomainError, paymentsNotConfigured } from "./errors";
import { createPaymentContext, SANDBOX_API_KEY } from "./services/payments/payment-context";
import type { TPaymentContext } from "./services/payments/payments";

/** Public, fixed secret of the development sandbox: never valid against a real backend. */
const SANDBOX_WEBHOOK_SECRET = "whsec_c2VydmVsaW5rLXNhbmRib3gtd2ViaG9vay1zZWNyZXQ=";

/**
 * The sandbox backend serves when no real one is configured: always in development, and in
 * production only when PAYMENT_SANDBOX=1 (demos, end-to-end tests), so a misconfigured production
 * server can never take free "payments".
 */
export function isSandboxEnabled(): boolean {
  return !env.PAYMENT_BACKEND_URL && (env.NODE_ENV !== "production" || env.PAYMENT_SANDBOX === "1");
}

export function sandboxApiKey(): string {
  return env.PAYMENT_API_KEY ?? SANDBOX_API_KEY;
}

/** The secret webhooks are verified (and, by the sandbox, signed) with. */
export function paymentWebhookSecret(): string | null {
  return env.PAYMENT_WEBHOOK_SECRET ?? (isSandboxEnabled() ? SANDBOX_WEBHOOK_SECRET : null);
}

let paymentContext: TPaymentContext | null = null;

/** The payment providers and URLs of this server, built once (the environment does not change). */
export function getPaymentContext(): TPaymentContext {
  if (paymentContext) return paymentContext;
  const base = env.BASE_URL.replace(/\/+$/, "");
  if (!paymentsConfigured()) throw paymentsNotConfigured();
  paymentContext = createPaymentContext({
    baseUrl: base,
    backendUrl: env.PAYMENT_BACKEND_URL ?? null,
    backendApiKey: env.PAYMENT_BACKEND_URL ? (env.PAYMENT_API_KEY ?? "") : sandboxApiKey(),
    stripe: stripeConfig(),
  });
  return paymentContext;
}

/** The payment context, or null when this server takes no payments (the nightly jobs skip reconciliation then). */
export function getPaymentContextIfConfigured(): TPaymentContext | null {
  return paymentsConfigured() ? getPaymentContext() : null;
}

/** A payment backend is set, or the development sandbox serves. */
function paymentsConfigured(): boolean {
  return !!env.PAYMENT_BACKEND_URL || isSandboxEnabled();
}

/** Stripe's settings when STRIPE_SECRET_KEY is set; without it nothing about Stripe shows. */
export function stripeConfig(): { secretKey: string; apiUrl?: string } | null {
  return env.STRIPE_SECRET_KEY ? { secretKey: env.STRIPE_SECRET_KEY, apiUrl: env.STRIPE_API_URL } : null;
}

/** The secret Stripe's webhook is verified with; 404 without Stripe, 503 without the secret. */
export function getStripeWebhookConfig(): { secret: string } {
  if (!stripeConfig()) throw new DomainError("NOT_FOUND", "Not found.");
  if (!env.STRIPE_WEBHOOK_SECRET) {
    throw new DomainError("SERVICE_UNAVAILABLE", "Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET).", { reason: "stripe_not_configured" });
  }
  return { secret: env.STRIPE_WEBHOOK_SECRET };
}

export async function getSandboxDb() {
  if (!isSandboxEnabled()) throw new DomainError("NOT_FOUND", "Not found.");
  return getDb();
}
