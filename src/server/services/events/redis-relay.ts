import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { DbHandle } from "@/server/db/client";
import { logError, logger } from "@/server/log";

type TListen = NonNullable<DbHandle["listen"]>;

/** What a relay publishes when it starts (or starts again): every hub reads what was committed meanwhile. */
export const CATCH_UP = "catch-up";

// Renews the lease only if this process still holds it (a compare-and-expire).
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface TRedisRelayOptions {
  /** Prefix of the Redis keys and channels (tests give their own, so that parallel runs do not meet). */
  namespace?: string;
  /** How long the relay's lease lasts without renewal: a crashed relay's successor takes over after it. */
  leaseMs?: number;
  /** How often the lease is renewed, and how often the others try to take it. */
  checkEveryMs?: number;
}

export interface TRedisListen {
  listen: TListen;
  /** True while this process is the one relaying Postgres' notifies into Redis. */
  isRelay: () => boolean;
}

/**
 * Live events through Redis pub/sub (spec 20, with `REDIS_URL`): the event is still written and
 * `pg_notify`ed inside the change's transaction, but only ONE process of all (the holder of a Redis
 * lease, renewed every few seconds) LISTENs on Postgres and publishes each notify on a Redis
 * channel; every process subscribes to that channel. Postgres holds one listening connection
 * whatever the number of processes. Nothing is lost when the relay dies or Redis restarts: a new
 * relay publishes `catch-up` as it starts listening, and a subscriber that (re)connects catches up
 * by itself, so every hub reads what was committed since the last event it saw (the 10-minute
 * window). Answers a `listen` shaped like the database's, so the hub does not know which it has.
 */
export function redisListen(url: string, pgListen: TListen, opts: TRedisRelayOptions = {}): TRedisListen {
  const namespace = opts.namespace ?? "servelink";
  const leaseMs = opts.leaseMs ?? 15_000;
  const checkEveryMs = opts.checkEveryMs ?? 5_000;
  const leaseKey = `${namespace}:live-relay`;
  const token = randomUUID();
  let relaying = false;

  const listen: TListen = async (channel, onNotify, onListen) => {
    const redisChannel = `${namespace}:${channel}`;
    const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    const publisher = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
    // Not one line per reconnect attempt: a failed publish is logged once (below), and the subscriber catches up when back.
    subscriber.on("error", () => {});
    publisher.on("error", () => {});

    subscriber.on("message", (ch: string, message: string) => {
      if (ch !== redisChannel) return;
      if (message === CATCH_UP) onListen?.();
      else onNotify(message);
    });
    // ioredis subscribes again after a reconnect; what was published meanwhile is read from the table.
    let subscribedOnce = false;
    subscriber.on("ready", () => {
      if (subscribedOnce) onListen?.();
    });
    await subscriber.connect();
    await subscriber.subscribe(redisChannel);
    subscribedOnce = true;
    onListen?.();
    await publisher.connect().catch(() => {});

    // A publish that fails (Redis down) is logged once until one succeeds again: the hubs catch up when it is back.
    let publishFailing = false;
    const publish = (message: string) =>
      publisher.publish(redisChannel, message).then(
        () => {
          // Back after failures: the subscribers may have caught up before this publisher reconnected.
          if (publishFailing && message !== CATCH_UP) void publisher.publish(redisChannel, CATCH_UP).catch(() => {});
          publishFailing = false;
        },
        (err: unknown) => {
          if (!publishFailing) logError("live events: a notify could not be published to Redis (the streams catch up when it answers)", err);
          publishFailing = true;
        },
      );
    let unlistenPg: (() => Promise<void>) | null = null;
    let stopped = false;
    const becomeRelay = async () => {
      try {
        unlistenPg = await pgListen(
          channel,
          (payload) => void publish(payload),
          // On each (re)start of listening: whatever was committed while nobody relayed is read by every hub.
          () => void publish(CATCH_UP),
        );
      } catch (err) {
        // Holding the lease without listening would silence every process: let it go, so the next check (here or elsewhere) tries again.
        logError("live events: the relay could not listen on Postgres", err);
        await publisher.eval(RELEASE, 1, leaseKey, token).catch(() => {});
        return;
      }
      relaying = true;
      logger.info({ lease_ms: leaseMs }, "live events: this process relays Postgres' notifies into Redis");
    };
    const stopRelaying = async () => {
      relaying = false;
      const unlisten = unlistenPg;
      unlistenPg = null;
      await unlisten?.().catch(() => {});
    };
    let checking: Promise<void> = Promise.resolve();
    const check = async () => {
      if (stopped) return;
      try {
        if (relaying) {
          const renewed = await publisher.eval(RENEW, 1, leaseKey, token, String(leaseMs));
          if (renewed !== 1) {
            logger.info("live events: the relay's lease was lost; another process relays now");
            await stopRelaying();
          }
        } else if ((await publisher.set(leaseKey, token, "PX", leaseMs, "NX")) === "OK") {
          await becomeRelay();
        }
      } catch {
        // Redis unreachable: nobody can relay through it meanwhile, so the relay stops listening at once; the lease expires by itself.
        if (relaying && publisher.status !== "ready") await stopRelaying();
      }
    };
    const tick = () => {
      checking = checking.then(check);
    };
    tick();
    await checking;
    const timer = setInterval(tick, checkEveryMs);
    timer.unref?.();

    return async () => {
      stopped = true;
      clearInterval(timer);
      await checking;
      if (relaying) {
        await stopRelaying();
        await publisher.eval(RELEASE, 1, leaseKey, token).catch(() => {});
      }
      subscriber.disconnect();
      publisher.disconnect();
    };
  };

  return { listen, isRelay: () => relaying };
}
