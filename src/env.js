import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const DEVELOPMENT_AUTH_SECRET = "servelink-development-secret-change-me-0123456789";

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().default(".data/pglite"),
    PORT: z.coerce.number().int().positive().default(3000),
    BASE_URL: z.url().default("http://localhost:3000"),
    // Checked when sessions are first needed (see authSecret): `next build` runs without it.
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(3),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
    TRPC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(3000),
    INGEST_TOKEN: z.string().min(16).optional(),
    // Bearer token of GET /api/metrics (spec 17); without it the path answers 404.
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    PAYMENT_BACKEND_URL: z.url().optional(),
    PAYMENT_API_KEY: z.string().optional(),
    PAYMENT_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    PAYMENT_SANDBOX: z.enum(["0", "1"]).optional(),
    // The sandbox API's key (spec 13); production makes a random one per process without it.
    PAYMENT_SANDBOX_API_KEY: z.string().min(16, "PAYMENT_SANDBOX_API_KEY must be at least 16 characters").optional(),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    SERVELINK_FAKE_NOW: z.string().optional(),
    SERVELINK_TEST_CLOCK: z.enum(["0", "1"]).optional(),
    INNGEST_DEV: z.string().optional(),
    SMTP_URL: z.string().optional(),
    DOCKER_HOST: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    // Only to point the client at stripe-mock or a local stand-in; Stripe's own API by default.
    STRIPE_API_URL: z.url().optional(),
    INNGEST_EVENT_KEY: z.string().optional(),
    // The rate limits' shared store when several processes serve the console (spec 17).
    REDIS_URL: z.url().optional(),
    // The seller on receipts and statements (spec 16); demo values when unset.
    DOCUMENT_PREFIX: z
      .string()
      .regex(/^[A-Z]{2,6}$/, "DOCUMENT_PREFIX must be 2 to 6 capital letters")
      .default("SL"),
    SELLER_NAME: z.string().optional(),
    SELLER_ADDRESS: z.string().optional(),
    SELLER_TAX_ID: z.string().optional(),
    // Percent, e.g. 20 or 18; 0 prints SELLER_VAT_MENTION instead of a VAT line.
    SELLER_VAT_RATE: z.coerce.number().min(0).max(100).default(0),
    SELLER_VAT_MENTION: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
    // The most one support `grantCredit` gives, in euros (spec 19); franc teams get its parity.
    SUPPORT_CREDIT_MAX: z.coerce.number().positive().max(1000).default(10),
  },
  client: {},
  experimental__runtimeEnv: {},
  skipValidation: !!process.env.SKIP_ENV_VALIDATION,
  emptyStringAsUndefined: true,
});

/**
 * The secret that signs sessions. A production server refuses to start auth without a real one;
 * development and tests get a fixed, public value.
 */
export function authSecret() {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is not set: a production server needs a random secret of at least 32 characters.");
  }
  return DEVELOPMENT_AUTH_SECRET;
}
