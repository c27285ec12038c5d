import { betterAuth, type BetterAuthPlugin } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { newId, type TIdPrefix } from "@/lib/ids";
import type { Db } from "./db/client";
import { account, session, user, verification } from "./db/schema";

const ID_PREFIX: Record<string, TIdPrefix> = { user: "usr", session: "ses", account: "acc", verification: "ver" };

export interface TAuthOptions {
  secret: string;
  baseURL: string;
  port?: number;
  /** Sign-in attempts allowed per client address in 10 s (enforced by the auth route); 0 turns the limits off (tests). */
  signInRateLimit?: number;
  plugins?: BetterAuthPlugin[];
}

/** Builds better-auth on our database; used by the app and by the operator scripts. */
export function createAuth(db: Db, opts: TAuthOptions) {
  const origin = new URL(opts.baseURL);
  const port = opts.port ?? (origin.port ? Number(origin.port) : undefined);
  const local = port ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`] : [];
  const signInMax = opts.signInRateLimit ?? 3;
  return betterAuth({
    appName: "Servelink",
    secret: opts.secret,
    baseURL: opts.baseURL,
    trustedOrigins: [origin.origin, ...local],
    database: drizzleAdapter(db, { provider: "pg", schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "user", input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    advanced: {
      database: { generateId: ({ model }) => newId(ID_PREFIX[model] ?? "usr") },
    },
    // Sign-in and sign-up are limited in front of better-auth (server/api/auth-route.ts): per client
    // address as `npm start` sets it, and per account address (spec 13). Its own limiter keeps the rest.
    rateLimit: {
      enabled: signInMax > 0,
      storage: "memory",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": false, "/sign-up/email": false },
    },
    plugins: opts.plugins ?? [],
  });
}

export type TAuth = ReturnType<typeof createAuth>;
