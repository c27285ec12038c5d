import { backendProvider, createPaymentBackendClient } from "@/server/integrations/payment-backend";
import { createStripeClient, stripeProvider } from "@/server/integrations/stripe";
import { paymentReturnPath, type TPaymentContext } from "./payments";

/** The development sandbox's public, fixed API key (never valid against a real backend). */
export const SANDBOX_API_KEY = "sandbox-api-key";

export interface TPaymentContextConfig {
  /** The app's public address: return pages and the backend's webhook URL are under it. */
  baseUrl: string;
  /**
   * The payment backend's address (PAYMENT_BACKEND_URL): its API is under `/api/v1` (spec 7.2).
   * Null: the app's own sandbox, whose API is under `${baseUrl}/api/sandbox/v1`.
   */
  backendUrl: string | null;
  backendApiKey: string;
  /** Stripe, when STRIPE_SECRET_KEY is set; `apiUrl` only for a stand-in of Stripe's API. */
  stripe?: { secretKey: string; apiUrl?: string } | null;
}

/** Where the payment backend's `/payments/…` calls go: a real backend's `/api/v1`, or the sandbox's. */
export function backendApiUrl(baseUrl: string, backendUrl: string | null): string {
  return backendUrl ? `${backendUrl.replace(/\/+$/, "")}/api/v1` : `${baseUrl.replace(/\/+$/, "")}/api/sandbox/v1`;
}

/** The payment providers and URLs, built the same way by the app, `npm run job` and the tests. */
export function createPaymentContext(cfg: TPaymentContextConfig): TPaymentContext {
  const base = cfg.baseUrl.replace(/\/+$/, "");
  return {
    backend: backendProvider(
      createPaymentBackendClient({ apiUrl: backendApiUrl(base, cfg.backendUrl), apiKey: cfg.backendApiKey }),
      `${base}/api/payments/callback`,
    ),
    stripe: cfg.stripe ? stripeProvider(createStripeClient(cfg.stripe)) : null,
    baseUrl: base,
    returnUrl: (teamSlug, paymentId, purpose) => `${base}${paymentReturnPath(teamSlug, paymentId, purpose)}`,
  };
}
