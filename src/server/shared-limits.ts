import { Redis } from "ioredis";
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Db } from "./db/client";
import { rateLimit } from "./db/schema";
import { logError } from "./log";

/**
 * Rate limits shared by every process of the console (spec 17), with rate-limiter-flexible: in
 * Redis when `REDIS_URL` is set, in Postgres (the `rate_limit` table) when only `DATABASE_URL` is,
 * in this process's memory on the embedded database (one process). When the store cannot be reached
 * a limiter either lets the request through (`whenDown: "allow"`: reads and API calls) or refuses
 * it (`"refuse"`: sign-in and sign-up), and says so in the log; `/api/health/ready` shows it.
 */

export type TLimitStore = { kind: "redis"; client: Redis } | { kind: "postgres"; db: Db } | { kind: "memory" };

export interface TSharedLimiter {
  /** Counts a hit for `key`: 0 when allowed, else the seconds to wait. */
  hit(key: string): Promise<number>;
}

const state = globalThis as unknown as { __servelinkLimitLoggedAt?: number };

function storeFailed(err: unknown) {
  const now = Date.now();
  // Once a minute at most: an outage under load would otherwise write a line per request.
  if (!state.__servelinkLimitLoggedAt || now - state.__servelinkLimitLoggedAt > 60_000) {
    state.__servelinkLimitLoggedAt = now;
    logError("the rate limits' store cannot be reached: API calls are let through, sign-in and sign-up are refused until it answers", err);
  }
}

/**
 * A Redis client for the limits, once connected (or after `timeoutMs` if Redis does not answer):
 * while it is down, commands fail at once (no queue) and it reconnects on its own.
 */
export async function limitRedisClient(url: string, timeoutMs = 2_000): Promise<Redis> {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  client.on("error", () => {}); // reported through the limiters' failures, not one line per retry
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once("ready", done);
  });
  return client;
}

export function createSharedLimiter(
  store: TLimitStore,
  opts: { name: string; points: number; windowMs: number; whenDown: "allow" | "refuse" },
): TSharedLimiter {
  if (opts.points <= 0) return { hit: async () => 0 };
  const duration = Math.max(1, Math.round(opts.windowMs / 1000));
  const base = { keyPrefix: `servelink:${opts.name}`, points: opts.points, duration };
  const limiter: RateLimiterAbstract =
    store.kind === "redis"
      ? new RateLimiterRedis({ ...base, storeClient: store.client, rejectIfRedisNotReady: true })
      : store.kind === "postgres"
        ? (new RateLimiterDrizzle({ ...base, storeClient: store.db, schema: rateLimit }) as unknown as RateLimiterAbstract)
        : new RateLimiterMemory(base);
  return {
    async hit(key) {
      try {
        await limiter.consume(key);
        return 0;
      } catch (err) {
        if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        storeFailed(err);
        return opts.whenDown === "allow" ? 0 : duration;
      }
    },
  };
}

/** Whether the store answers (for readiness): Redis's PING; the other stores have nothing of their own to check. */
export async function checkLimitStore(store: TLimitStore, timeoutMs = 1_000): Promise<{ ok: boolean; mode: "shared" | "degraded"; reason?: string } | null> {
  if (store.kind !== "redis") return null;
  try {
    await Promise.race([store.client.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))]);
    return { ok: true, mode: "shared" };
  } catch (err) {
    return { ok: false, mode: "degraded", reason: `redis unreachable: ${err instanceof Error ? err.message : String(err)}` };
  }
}
