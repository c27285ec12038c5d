import { LIVE_HEARTBEAT_MS } from "@/lib/live-events";
import type { Db } from "@/server/db/client";
import { logError } from "@/server/log";
import type { LiveEventHub } from "./hub";
import { canReceiveLiveEvent, formatLiveEvent, loadLiveAccess, loadLiveEventsAfter, type TLiveEvent } from "./live-events";

export interface TOpenLiveStream {
  db: Db;
  hub: LiveEventHub;
  userId: string;
  /** `Last-Event-ID`: the events after it still in the replay window are sent first. */
  lastEventId: number | null;
  /** Whether the caller's session or token still holds; checked with each heartbeat, and false closes the stream. */
  isStillValid: () => Promise<boolean>;
  heartbeatMs?: number;
}

/** A reader this far behind (queued chunks) is dropped: its EventSource reconnects and resumes from its last id. */
const MAX_QUEUED_CHUNKS = 1000;

/**
 * One reader's Server-Sent Events stream (spec 20): the replay after `lastEventId` (read after the
 * stream subscribed, so nothing committed in between is lost, and nothing is sent twice), then
 * the hub's events for this reader as they come; a heartbeat comment every 25 s, after which the
 * session or token is checked again (signed out or revoked: an `end` event, and the stream
 * closes). Closing the request unsubscribes.
 */
export function openLiveEventStream(opts: TOpenLiveStream): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  const cleanup = () => {
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    unsubscribe?.();
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed by the reader.
        }
      };
      const write = (text: string) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) return close();
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const replayed = new Set<number>();
      let held: TLiveEvent[] | null = opts.lastEventId !== null ? [] : null;
      const send = (events: TLiveEvent[]) => {
        for (const e of events) if (!replayed.has(e.id)) write(formatLiveEvent(e));
      };
      unsubscribe = opts.hub.subscribe({ userId: opts.userId, deliver: (events) => (held ? held.push(...events) : send(events)) });
      // The reconnection delay a browser waits after a drop, and a first line so proxies pass the headers on.
      write("retry: 3000\n: connected\n\n");
      if (opts.lastEventId !== null) {
        try {
          const missed = await loadLiveEventsAfter(opts.db, opts.lastEventId);
          const access = await loadLiveAccess(opts.db, [opts.userId], [...new Set(missed.flatMap((e) => (e.teamId ? [e.teamId] : [])))]);
          const mine = missed.filter((e) => canReceiveLiveEvent(e, opts.userId, access.get(opts.userId)));
          send(mine);
          for (const e of mine) replayed.add(e.id);
        } catch (err) {
          logError("live events: replay failed", err);
          return close();
        }
        const live = held ?? [];
        held = null;
        send(live);
      }
      heartbeat = setInterval(() => {
        write(": heartbeat\n\n");
        void opts.isStillValid().then(
          (valid) => {
            if (valid) return;
            write("event: end\ndata: {}\n\n");
            close();
          },
          () => {}, // The database did not answer: keep the stream, check again next time.
        );
      }, opts.heartbeatMs ?? LIVE_HEARTBEAT_MS);
      heartbeat.unref?.();
    },
    cancel() {
      cleanup();
    },
  });
}
