import "server-only";
import { nextCookies } from "better-auth/next-js";
import { authSecret, env } from "@/env.js";
import { getDb } from "./db-config";
import { createAuth, type TAuth } from "./auth-config";

const store = globalThis as unknown as { __servelinkAuth?: Promise<TAuth> };

/** better-auth, created lazily once the database is migrated. */
export function getAuth(): Promise<TAuth> {
  store.__servelinkAuth ??= getDb()
    .then((db) =>
      createAuth(db, {
        secret: authSecret(),
        baseURL: env.BASE_URL,
        port: env.PORT,
        signInRateLimit: env.AUTH_RATE_LIMIT_MAX,
        plugins: [nextCookies()],
      }),
    )
    .catch((err) => {
      store.__servelinkAuth = undefined;
      throw err;
    });
  return store.__servelinkAuth;
}

export type { TAuth };
