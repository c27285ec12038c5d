import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

// Secrets must be real in a running production server; development and `next build` get
// harmless defaults so a newcomer needs no configuration at all.
const isProductionRuntime =
  process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build";

const devDefault = (value) => (isProductionRuntime ? undefined : value);

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().default(".data/pglite"),
    PORT: z.coerce.number().int().positive().default(3000),
    BASE_URL: z.url().default(devDefault("http://localhost:3000") ?? "http://localhost:3000"),
    AUTH_SECRET: isProductionRuntime
      ? z.string().min(32, "AUTH_SECRET must be at least 32 characters")
      : z.string().min(32).default("servelink-development-secret-change-me-0123456789"),
    AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(3),
    INGEST_TOKEN: z.string().min(16).optional(),
    PAYMENT_BACKEND_URL: z.url().optional(),
    PAYMENT_API_KEY: z.string().optional(),
    PAYMENT_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    SMTP_URL: z.string().optional(),
    DOCKER_HOST: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  skipValidation: !!process.env.SKIP_ENV_VALIDATION,
  emptyStringAsUndefined: true,
});
