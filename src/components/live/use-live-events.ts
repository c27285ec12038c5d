"use client";

import { useQueryClient, type QueryFilters } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { TLiveEventType } from "@/lib/live-events";
import { useTRPC } from "@/trpc/react";
import { createRefreshBatcher, refreshQueries } from "@/trpc/refresh";
import { setLiveStreamOpen } from "./live-status";

type TRouterName = "teams" | "payments" | "billing" | "balance" | "documents" | "addons" | "notifications" | "tickets" | "support" | "usage";

/**
 * What each live event makes stale: the tRPC routers whose queries are fetched again, the first
 * one on its own before the others (one batched request waits for its slowest query: the plan is
 * not held up behind the documents); `refresh` also re-renders the page's server parts (the header's plan).
 */
const STALE: Record<TLiveEventType, { routers: TRouterName[]; refresh?: boolean }> = {
  // "support": the team's context beside a ticket in the staff console (its payments, plan and balance).
  "payment.updated": { routers: ["payments", "balance", "documents", "addons", "support"] },
  "plan.changed": { routers: ["teams", "billing", "balance", "usage", "support"], refresh: true },
  "notification.created": { routers: ["notifications"] },
  "ticket.message": { routers: ["tickets", "support"] },
  "ticket.status": { routers: ["tickets", "support"] },
  "usage.level": { routers: ["usage"] },
};

/** Events arriving together (a payment's completion raises three) are applied in one refresh after this. */
const COALESCE_MS = 50;

/** The longest a refresh waits for the one before it to end. */
const REFRESH_WAIT_MAX_MS = 10_000;

/**
 * One EventSource per page on `GET /api/events` (spec 20): each event refreshes the queries it
 * makes stale, so the bell counts up, Billing flips to Pro and a conversation shows a reply as they
 * happen. The browser reconnects by itself with `Last-Event-ID`; while the stream is not open
 * (see live-status) the pages poll: the bell and a pending payment always, a ticket conversation
 * then only. An `end` event (signed out) closes it for good.
 */
export function useLiveEvents(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events");
    let closed = false;
    const filters = (names: Iterable<TRouterName>): QueryFilters[] => [...names].map((name) => trpc[name].pathFilter());
    const batcher = createRefreshBatcher<TRouterName>(
      async ({ first, then, rerender }) => {
        await refreshQueries(queryClient, ...filters(first));
        await refreshQueries(queryClient, ...filters(then));
        if (rerender && !closed) router.refresh();
      },
      { coalesceMs: COALESCE_MS, maxWaitMs: REFRESH_WAIT_MAX_MS },
    );
    for (const [type, what] of Object.entries(STALE)) {
      source.addEventListener(type, () => {
        const [head, ...rest] = what.routers;
        batcher.add(head ? [head] : [], rest, what.refresh);
      });
    }
    // Open, or not (reconnecting, refused, closed): the pages' fallback polling follows it.
    source.addEventListener("open", () => setLiveStreamOpen(true));
    source.addEventListener("error", () => setLiveStreamOpen(source.readyState === EventSource.OPEN));
    source.addEventListener("end", () => {
      source.close();
      setLiveStreamOpen(false);
    });
    return () => {
      closed = true;
      source.close();
      setLiveStreamOpen(false);
      batcher.dispose();
    };
  }, [trpc, queryClient, router]);
}

/** The hook as a component, for server-rendered layouts: renders nothing. */
export function LiveUpdates(): null {
  useLiveEvents();
  return null;
}
