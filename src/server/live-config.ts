import "server-only";
import { getDbHandle } from "./db-config";
import { LiveEventHub } from "./services/events/hub";

// The process's one live-events hub (spec 20), on globalThis so hot reloads never listen twice.
const store = globalThis as unknown as { __servelinkLiveHub?: Promise<LiveEventHub> };

/** The hub, listening: started on the first stream opened in this process. */
export function getLiveHub(): Promise<LiveEventHub> {
  store.__servelinkLiveHub ??= (async () => {
    const handle = await getDbHandle();
    const hub = new LiveEventHub(handle.db, handle.listen);
    await hub.start();
    return hub;
  })().catch((err: unknown) => {
    // Not kept: the next stream tries again (the database may be back).
    store.__servelinkLiveHub = undefined;
    throw err;
  });
  return store.__servelinkLiveHub;
}
