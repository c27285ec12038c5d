// Live events through Redis pub/sub (spec 20, with REDIS_URL), against the real Postgres and real
// Redis servers: the machine's Redis for the relay's hand-over, and a redis-server of this file's own
// (on a free port) for the restart, which the machine's shared Redis cannot be put through.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { newId } from "@/lib/ids";
import { LIVE_EVENT_CHANNEL } from "@/lib/live-events";
import { rowsOf, type DbHandle } from "@/server/db/client";
import { payment } from "@/server/db/schema";
import { LiveEventHub } from "./hub";
import { latestLiveEventId, type TLiveEvent } from "./live-events";
import { redisListen, type TRedisListen } from "./redis-relay";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const FAST = { leaseMs: 1_500, checkEveryMs: 200 };

/** One console process as the live events see it: its own pool, its own Redis clients and hub. */
interface TProcess {
  handle: DbHandle;
  relay: TRedisListen;
  hub: LiveEventHub;
}

let writer: DbHandle;
const opened: TProcess[] = [];

async function startProcess(url: string, namespace: string): Promise<TProcess> {
  const handle = await openTestDb(3);
  const relay = redisListen(url, handle.listen!, { ...FAST, namespace });
  const hub = new LiveEventHub(handle.db, relay.listen, { pruneEveryMs: 0 });
  await hub.start();
  const p = { handle, relay, hub };
  opened.push(p);
  return p;
}

async function stopProcess(p: TProcess) {
  await p.hub.stop();
  await p.handle.close();
  opened.splice(opened.indexOf(p), 1);
}

beforeAll(async () => {
  writer = await openTestDb(3);
});
afterAll(async () => {
  for (const p of [...opened]) await stopProcess(p);
  await writer.close();
});

async function until(check: () => boolean, ms = 8_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a subscriber of `userId` on `hub` receives of what is committed from now on. */
async function collect(hub: LiveEventHub, userId: string) {
  const after = await latestLiveEventId(writer.db);
  const got: TLiveEvent[] = [];
  hub.subscribe({ userId, deliver: (events) => got.push(...events.filter((e) => e.id > after)) });
  return got;
}

async function pendingPro(teamId: string) {
  const id = newId("pay");
  await writer.db.insert(payment).values({ id, teamId, purpose: "plan_upgrade", amountMinor: 300, paymentMethod: "mobile_money" });
  return id;
}

const paymentIds = (got: TLiveEvent[]) => got.filter((e) => e.type === "payment.updated").map((e) => (e.data as { id: string }).id);

/** Sessions of this file's database listening on the live events' channel. */
async function postgresListeners(): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await writer.db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike ${`listen%${LIVE_EVENT_CHANNEL}%`}`,
    ),
  );
  return rows[0]!.n;
}

describe("live events through Redis", () => {
  it("with two processes, one relays Postgres into Redis and an event committed anywhere reaches both, once each", async () => {
    const namespace = `test-${randomUUID()}`;
    const a = await startProcess(REDIS_URL, namespace);
    const b = await startProcess(REDIS_URL, namespace);
    expect([a.relay.isRelay(), b.relay.isRelay()].filter(Boolean)).toHaveLength(1);
    expect(await postgresListeners()).toBe(1);

    const owner = await insertUser(writer);
    const { team } = await insertTeam(writer, { owner });
    const onA = await collect(a.hub, owner.id);
    const onB = await collect(b.hub, owner.id);
    const ids = [await pendingPro(team.id), await pendingPro(team.id), await pendingPro(team.id)];
    await until(() => paymentIds(onA).length === 3 && paymentIds(onB).length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(paymentIds(onA)).toEqual(ids);
    expect(paymentIds(onB)).toEqual(ids);

    // Another team's event never reaches this owner's streams, through Redis as through Postgres.
    const other = await insertTeam(writer);
    await pendingPro(other.team.id);
    await pendingPro(team.id);
    await until(() => paymentIds(onA).length === 4 && paymentIds(onB).length === 4);
    expect([...onA, ...onB].every((e) => e.teamId === team.id)).toBe(true);

    // The relay stops; the other process takes over, and what was committed in between still arrives.
    const [relay, rest] = a.relay.isRelay() ? [a, b] : [b, a];
    const onRest = await collect(rest.hub, owner.id);
    await stopProcess(relay);
    const gap = await pendingPro(team.id);
    await until(() => rest.relay.isRelay());
    const after = await pendingPro(team.id);
    await until(() => paymentIds(onRest).length === 2);
    expect(paymentIds(onRest)).toEqual([gap, after]);
    expect(await postgresListeners()).toBe(1);
    await stopProcess(rest);
  }, 60_000);

  it("a relay that dies without letting go is replaced when its lease runs out", async () => {
    const namespace = `test-${randomUUID()}`;
    const a = await startProcess(REDIS_URL, namespace);
    expect(a.relay.isRelay()).toBe(true);
    // A process that died holding the lease: its key stays until it expires, and nobody else relays meanwhile.
    await stopProcess(a);
    const redis = new Redis(REDIS_URL);
    try {
      await redis.set(`${namespace}:live-relay`, "a-dead-process", "PX", FAST.leaseMs);
      const b = await startProcess(REDIS_URL, namespace);
      expect(b.relay.isRelay()).toBe(false);
      const owner = await insertUser(writer);
      const { team } = await insertTeam(writer, { owner });
      const onB = await collect(b.hub, owner.id);
      const id = await pendingPro(team.id);
      await until(() => b.relay.isRelay(), FAST.leaseMs + 2_000);
      await until(() => paymentIds(onB).length === 1);
      expect(paymentIds(onB)).toEqual([id]);
      await stopProcess(b);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});

describe("live events through Redis: a Redis restart", () => {
  let server: ChildProcess | null = null;
  let port = 0;
  const startRedis = async () => {
    server = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => 100 });
    probe.on("error", () => {});
    await probe.connect().catch(() => {});
    await until(() => probe.status === "ready", 10_000);
    probe.disconnect();
  };
  const stopRedis = async () => {
    const s = server!;
    server = null;
    await new Promise<void>((resolve) => {
      s.once("exit", () => resolve());
      s.kill("SIGKILL");
    });
  };
  beforeAll(async () => {
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    await startRedis();
  });
  afterAll(async () => {
    if (server) await stopRedis();
  });

  it("events committed while Redis was down reach the streams once it is back", async () => {
    const url = `redis://127.0.0.1:${port}`;
    const a = await startProcess(url, "servelink");
    const b = await startProcess(url, "servelink");
    const owner = await insertUser(writer);
    const { team } = await insertTeam(writer, { owner });
    const onA = await collect(a.hub, owner.id);
    const onB = await collect(b.hub, owner.id);
    const before = await pendingPro(team.id);
    await until(() => paymentIds(onA).length === 1 && paymentIds(onB).length === 1);

    await stopRedis();
    const during = [await pendingPro(team.id), await pendingPro(team.id)];
    await new Promise((r) => setTimeout(r, 500));
    expect(paymentIds(onA)).toEqual([before]);
    await startRedis();
    await until(() => paymentIds(onA).length === 3 && paymentIds(onB).length === 3, 15_000);
    const afterRestart = await pendingPro(team.id);
    await until(() => paymentIds(onA).length === 4 && paymentIds(onB).length === 4, 15_000);
    expect(paymentIds(onA)).toEqual([before, ...during, afterRestart]);
    expect(paymentIds(onB)).toEqual([before, ...during, afterRestart]);
    await stopProcess(a);
    await stopProcess(b);
  }, 90_000);
});
