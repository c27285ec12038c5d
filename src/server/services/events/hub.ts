import { LIVE_EVENT_CHANNEL } from "@/lib/live-events";
import type { Db, DbHandle } from "@/server/db/client";
import { logError } from "@/server/log";
import { canReceiveLiveEvent, latestLiveEventId, loadLiveAccess, loadLiveEvents, loadLiveEventsAfter, pruneLiveEvents, type TLiveEvent } from "./live-events";

/** An open stream as the hub sees it: whose it is, and where its events go (already filtered for its reader). */
export interface TLiveSubscriber {
  userId: string;
  deliver: (events: TLiveEvent[]) => void;
}

/** How many delivered ids the hub remembers, so a catch-up after a reconnect does not send one twice. */
const RECENT_IDS = 4096;

/**
 * One per process (spec 20): ONE listener on `servelink_events` (its own connection), fanning each
 * committed event out to this process's open streams in memory. Notifies arriving together are read
 * in one query, and whom each may reach in one more (membership as it is when sent). After the
 * listener reconnects it reads what was committed meanwhile. Batches go out one at a time, in
 * commit order.
 */
export class LiveEventHub {
  private readonly subscribers = new Set<TLiveSubscriber>();
  private readonly pending = new Set<number>();
  private readonly recent = new Set<number>();
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;
  private lastId = 0;
  private started: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: Db,
    private readonly listen: DbHandle["listen"],
    private readonly opts: { pruneEveryMs?: number } = {},
  ) {}

  /** Starts listening (once; later calls wait for the first). Without `listen` the hub never receives anything. */
  start(): Promise<void> {
    this.started ??= (async () => {
      if (!this.listen) return;
      this.lastId = await latestLiveEventId(this.db);
      this.unlisten = await this.listen(
        LIVE_EVENT_CHANNEL,
        (payload) => this.notified(payload),
        () => this.run(() => this.catchUp()),
      );
      const every = this.opts.pruneEveryMs ?? 60_000;
      if (every > 0) {
        this.pruneTimer = setInterval(() => void pruneLiveEvents(this.db).catch((err) => logError("live events: prune failed", err)), every);
        this.pruneTimer.unref?.();
      }
    })().catch((err: unknown) => {
      this.started = null;
      throw err;
    });
    return this.started;
  }

  async stop(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.unlisten?.();
    this.unlisten = null;
    this.started = null;
    await this.chain;
  }

  /** Adds an open stream; answers its removal. */
  subscribe(subscriber: TLiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => void this.subscribers.delete(subscriber);
  }

  get openStreams(): number {
    return this.subscribers.size;
  }

  private notified(payload: string) {
    const id = Number(payload);
    if (!Number.isSafeInteger(id)) return;
    this.pending.add(id);
    if (this.scheduled) return;
    this.scheduled = true;
    // Notifies of one commit (or of commits close together) come in one burst: read them in one query.
    setImmediate(() => {
      this.scheduled = false;
      this.run(() => this.flush());
    });
  }

  private run(work: () => Promise<void>) {
    this.chain = this.chain.then(work).catch((err: unknown) => logError("live events: fan-out failed", err));
  }

  private async flush() {
    const ids = [...this.pending].filter((id) => !this.recent.has(id));
    this.pending.clear();
    // No stream open here now: nothing to read, only where a later catch-up starts.
    if (this.subscribers.size === 0) {
      for (const id of ids) if (id > this.lastId) this.lastId = id;
      return;
    }
    await this.deliver(await loadLiveEvents(this.db, ids));
  }

  private async catchUp() {
    await this.deliver(await loadLiveEventsAfter(this.db, this.lastId));
  }

  private async deliver(events: TLiveEvent[]) {
    const fresh = events.filter((e) => !this.recent.has(e.id));
    for (const e of fresh) {
      this.recent.add(e.id);
      if (e.id > this.lastId) this.lastId = e.id;
    }
    while (this.recent.size > RECENT_IDS) this.recent.delete(this.recent.values().next().value!);
    if (fresh.length === 0 || this.subscribers.size === 0) return;
    const subscribers = [...this.subscribers];
    const access = await loadLiveAccess(
      this.db,
      [...new Set(subscribers.map((s) => s.userId))],
      [...new Set(fresh.flatMap((e) => (e.teamId ? [e.teamId] : [])))],
    );
    for (const s of subscribers) {
      const allowed = fresh.filter((e) => canReceiveLiveEvent(e, s.userId, access.get(s.userId)));
      if (allowed.length > 0) s.deliver(allowed);
    }
  }
}
