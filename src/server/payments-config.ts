import "server-only";
import { announcePaymentInitiated } from "./payment-events";
import { randomBytes } from "node:crypto";
import { env } from "@/env.js";
import { getDb } from "./db-config";
import { DomainError, paymentsNotConfigured } from "./errors";
import { createPaymentContext, SANDBOX_API_KEY } from "./services/payments/payment-context";
import type { TPaymentContext } from "./services/payments/payments";
import type { TSandboxRules } from "./services/payments/sandbox-backend";

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

const keyStore = globalThis as unknown as { __servelinkSandboxKey?: string; __servelinkSandboxWebhookSecret?: string };

/**
 * The key the sandbox's API takes (spec 13): PAYMENT_SANDBOX_API_KEY when set; in development the
 * public development key; in production a random key made at start, known only to this process
 * (several processes need PAYMENT_SANDBOX_API_KEY to share one).
 */
export function sandboxApiKey(): string {
  if (env.PAYMENT_SANDBOX_API_KEY) return env.PAYMENT_SANDBOX_API_KEY;
  if (env.NODE_ENV !== "production") return SANDBOX_API_KEY;
  keyStore.__servelinkSandboxKey ??= `sbx_${randomBytes(24).toString("base64url")}`;
  return keyStore.__servelinkSandboxKey;
}

/** Where the sandbox may call back and send payers (see sandboxInitiate). */
export function sandboxRules(): TSandboxRules {
  return { publicBaseUrl: env.BASE_URL, allowLoopbackCallbacks: !!env.PAYMENT_SANDBOX_API_KEY || env.NODE_ENV !== "production" };
}

/**
 * The secret webhooks are verified (and, by the sandbox, signed) with: PAYMENT_WEBHOOK_SECRET, or
 * for the sandbox the public development secret, and in production a random one made at start (a
 * public secret there would let anyone post a "completed" webhook).
 */
export function paymentWebhookSecret(): string | null {
  if (env.PAYMENT_WEBHOOK_SECRET) return env.PAYMENT_WEBHOOK_SECRET;
  if (!isSandboxEnabled()) return null;
  if (env.NODE_ENV !== "production") return SANDBOX_WEBHOOK_SECRET;
  keyStore.__servelinkSandboxWebhookSecret ??= `whsec_${randomBytes(32).toString("base64")}`;
  return keyStore.__servelinkSandboxWebhookSecret;
}

let paymentContext: TPaymentContext | null = null;

/** The payment providers and URLs of this server, built once (the environment does not change). */
export function getPaymentContext(): TPaymentContext {
  if (paymentContext) return paymentContext;
  const base = env.BASE_URL.replace(/\/+$/, "");
  if (!paymentsConfigured()) throw paymentsNotConfigured();
  paymentContext = {
    ...createPaymentContext({
      baseUrl: base,
      backendUrl: env.PAYMENT_BACKEND_URL ?? null,
      backendApiKey: env.PAYMENT_BACKEND_URL ? (env.PAYMENT_API_KEY ?? "") : sandboxApiKey(),
      stripe: stripeConfig(),
    }),
    announceInitiated: announcePaymentInitiated,
  };
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
    throw new DomainError("SERVICE_UNAVAILABLE", "Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET).", {
      reason: "stripe_not_configured",
    });
  }
  return { secret: env.STRIPE_WEBHOOK_SECRET };
}

export async function getSandboxDb() {
  if (!isSandboxEnabled()) throw new DomainError("NOT_FOUND", "Not found.");
  return getDb();
}
