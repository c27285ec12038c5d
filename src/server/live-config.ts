import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { env } from "@/env.js";
import { getDbHandle } from "./db-config";
import { LiveEventHub } from "./services/events/hub";
import { redisListen } from "./services/events/redis-relay";

// The process's one live-events hub (spec 20), on globalThis so hot reloads never listen twice.
const store = globalThis as unknown as { __servelinkLiveHub?: Promise<LiveEventHub> };

/**
 * The Redis prefix of this database's live events: consoles of other databases sharing the Redis
 * (a staging beside production, the tests' own databases) never hear each other's event ids.
 * Named by the database's host, port and name, never its credentials.
 */
function redisNamespace(databaseUrl: string | undefined): string {
  let where = `pglite:${path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR ?? ".data/pglite")}`;
  if (databaseUrl) {
    const u = new URL(databaseUrl);
    where = `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  }
  return `servelink:${createHash("sha256").update(where).digest("hex").slice(0, 12)}`;
}

/**
 * The hub, listening: started on the first stream opened in this process. With `REDIS_URL` the
 * notifies come through Redis pub/sub (one process relays Postgres' into it); otherwise each
 * process LISTENs on the database itself.
 */
export function getLiveHub(): Promise<LiveEventHub> {
  store.__servelinkLiveHub ??= (async () => {
    const handle = await getDbHandle();
    const listen = env.REDIS_URL && handle.listen ? redisListen(env.REDIS_URL, handle.listen, { namespace: redisNamespace(handle.url) }).listen : handle.listen;
    const hub = new LiveEventHub(handle.db, listen);
    await hub.start();
    return hub;
  })().catch((err: unknown) => {
    // Not kept: the next stream tries again (the database may be back).
    store.__servelinkLiveHub = undefined;
    throw err;
  });
  return store.__servelinkLiveHub;
}
