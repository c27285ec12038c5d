"use client";

import { useEffect, useEffectEvent, useSyncExternalStore } from "react";

/**
 * Whether this page's live-events stream is open now (spec 20): the pages that would otherwise
 * show a change only on reload (a ticket conversation) poll while it is not, whether the stream
 * could never be opened (a proxy that buffers it, no EventSource) or is reconnecting.
 */
let open = false;
const listeners = new Set<() => void>();

export function setLiveStreamOpen(value: boolean): void {
  if (open === value) return;
  open = value;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** True while the stream is open; false on the server and until the stream has opened. */
export function useLiveStreamOpen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => open,
    () => false,
  );
}

/** How often a ticket conversation is read again while the stream is not open. */
export const CONVERSATION_POLL_MS = 10_000;

/** A query's `refetchInterval` that polls every `ms` only while the live stream is not open (the fallback of spec 20). */
export function useFallbackPolling(ms: number = CONVERSATION_POLL_MS): number | false {
  return useLiveStreamOpen() ? false : ms;
}

/**
 * Reads a conversation again when the live stream opens, or at once if it is open already when the
 * view appears: a reply committed after the server drew the page and before the stream opened (or
 * before this view had hydrated, while the header's stream was already open) has no event left to
 * announce it, and the view's first data would otherwise stay as the server drew it.
 */
export function useReadAgainWhenLive(read: () => unknown): void {
  const open = useLiveStreamOpen();
  const readNow = useEffectEvent(() => void read());
  useEffect(() => {
    if (open) readNow();
  }, [open]);
}
