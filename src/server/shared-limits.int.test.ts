// Shared rate limits (spec 17) against the machine's real Redis (127.0.0.1:6379) and this file's
// Postgres database: two limiters with their own clients stand for two `npm start` processes. A
// Redis that is down is a port nothing listens on.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../test/db";
import { sql } from "drizzle-orm";
import { rowsOf, type DbHandle } from "./db/client";
import { checkLimitStore, createSharedLimiter, limitRedisClient } from "./shared-limits";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let h: DbHandle;
const clients: Awaited<ReturnType<typeof limitRedisClient>>[] = [];
const redis = async () => {
  const c = await limitRedisClient(REDIS_URL);
  clients.push(c);
  return c;
};

/** A local port nothing listens on. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  h = await openTestDb(4);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await h.close();
});

const unique = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

describe("limits shared by two processes", () => {
  for (const kind of ["redis", "postgres"] as const) {
    it(`in ${kind}: two processes' limiters share one budget, and a window's wait is told`, async () => {
      const name = unique(kind);
      const store = async () => (kind === "redis" ? ({ kind, client: await redis() } as const) : ({ kind, db: h.db } as const));
      const a = createSharedLimiter(await store(), { name, points: 5, windowMs: 60_000, whenDown: "allow" });
      const b = createSharedLimiter(await store(), { name, points: 5, windowMs: 60_000, whenDown: "allow" });
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).hit("user_1")));
      expect(answers.filter((w) => w === 0)).toHaveLength(5);
      expect(answers.filter((w) => w > 0).every((w) => w > 50 && w <= 60)).toBe(true);
      // Another key has its own budget.
      expect(await a.hit("user_2")).toBe(0);
    });
  }

  it("in postgres: the counts are an unlogged table, so a call does not wait for the WAL to reach the disk", async () => {
    const [row] = rowsOf<{ persistence: string }>(await h.db.execute(sql`select relpersistence as persistence from pg_class where relname = 'rate_limit'`));
    expect(row?.persistence).toBe("u");
  });

  it("Redis down: API calls are let through, sign-in is refused, and readiness says degraded", async () => {
    const store = { kind: "redis", client: await limitRedisClient(`redis://127.0.0.1:${await deadPort()}`, 500) } as const;
    clients.push(store.client);
    const api = createSharedLimiter(store, { name: unique("api"), points: 1, windowMs: 60_000, whenDown: "allow" });
    const signIn = createSharedLimiter(store, { name: unique("signin"), points: 3, windowMs: 10_000, whenDown: "refuse" });
    expect([await api.hit("u"), await api.hit("u"), await api.hit("u")]).toEqual([0, 0, 0]);
    expect(await signIn.hit("203.0.113.9")).toBe(10);
    expect(await checkLimitStore(store)).toMatchObject({ ok: false, mode: "degraded" });
    expect(await checkLimitStore({ kind: "redis", client: await redis() })).toEqual({ ok: true, mode: "shared" });
  });

  it("a budget of 0 turns a limit off", async () => {
    const off = createSharedLimiter({ kind: "memory" }, { name: unique("off"), points: 0, windowMs: 1_000, whenDown: "allow" });
    for (let i = 0; i < 20; i++) expect(await off.hit("x")).toBe(0);
  });
});
