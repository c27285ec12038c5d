import "server-only";
import { env } from "../env.js";
import { getDb } from "./db";
import { DomainError } from "./errors";
import { createPaymentBackendClient } from "./integrations/payment-backend";
import { paymentReturnPath, type TPaymentContext } from "./services/payments/payments";

/** Public, fixed secrets of the development sandbox: never valid against a real backend. */
const SANDBOX_API_KEY = "sandbox-api-key";
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

export function getPaymentContext(): TPaymentContext {
  const base = env.BASE_URL.replace(/\/+$/, "");
  const backendUrl = env.PAYMENT_BACKEND_URL ?? (isSandboxEnabled() ? `${base}/api/sandbox` : null);
  if (!backendUrl) {
    throw new DomainError("SERVICE_UNAVAILABLE", "Payments are not configured on this server (PAYMENT_BACKEND_URL is not set).", {
      reason: "payments_not_configured",
    });
  }
  return {
    backend: createPaymentBackendClient({ baseUrl: backendUrl, apiKey: env.PAYMENT_BACKEND_URL ? (env.PAYMENT_API_KEY ?? "") : sandboxApiKey() }),
    callbackUrl: `${base}/api/payments/callback`,
    returnUrl: (teamSlug, paymentId, purpose) => `${base}${paymentReturnPath(teamSlug, paymentId, purpose)}`,
  };
}

export async function getSandboxDb() {
  if (!isSandboxEnabled()) throw new DomainError("NOT_FOUND", "Not found.");
  return getDb();
}
