import "server-only";
import { env } from "@/env.js";
import { getDb } from "./db-config";
import { createSharedLimiter, limitRedisClient, type TLimitStore, type TSharedLimiter } from "./shared-limits";

// The app's limits (spec 17), one set per process on globalThis: Redis with REDIS_URL, Postgres with
// only DATABASE_URL, memory on the embedded database.
const store = globalThis as unknown as { __servelinkLimitStore?: Promise<TLimitStore>; __servelinkLimiters?: Map<string, Promise<TSharedLimiter>> };

export function limitStore(): Promise<TLimitStore> {
  store.__servelinkLimitStore ??= (async (): Promise<TLimitStore> => {
    if (env.REDIS_URL) return { kind: "redis", client: await limitRedisClient(env.REDIS_URL) };
    if (env.DATABASE_URL) return { kind: "postgres", db: await getDb() };
    return { kind: "memory" };
  })().catch((err: unknown) => {
    // Not kept: the next request tries again (the database may be back).
    store.__servelinkLimitStore = undefined;
    store.__servelinkLimiters = undefined;
    throw err;
  });
  return store.__servelinkLimitStore;
}

const LIMITS = {
  rest: () => ({ points: env.API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000, whenDown: "allow" as const }),
  trpc: () => ({ points: env.TRPC_RATE_LIMIT_PER_MINUTE, windowMs: 60_000, whenDown: "allow" as const }),
  "sign-in": () => ({ points: env.AUTH_RATE_LIMIT_MAX, windowMs: 10_000, whenDown: "refuse" as const }),
  "sign-up": () => ({ points: env.AUTH_RATE_LIMIT_MAX * 3, windowMs: 60_000, whenDown: "refuse" as const }),
};

/** One of the app's limiters: REST and tRPC per user, sign-in and sign-up per client address. */
export function limiter(name: keyof typeof LIMITS): Promise<TSharedLimiter> {
  store.__servelinkLimiters ??= new Map();
  let l = store.__servelinkLimiters.get(name);
  if (!l) {
    l = limitStore().then((s) => createSharedLimiter(s, { name, ...LIMITS[name]() }));
    store.__servelinkLimiters.set(name, l);
    l.catch(() => store.__servelinkLimiters?.delete(name));
  }
  return l;
}
