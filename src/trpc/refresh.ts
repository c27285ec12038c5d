import type { QueryClient, QueryFilters } from "@tanstack/react-query";

/**
 * Refetches the queries a change touched, so that what it wrote shows up. `invalidateQueries`
 * alone reuses a first load still in flight, which may have read before the change (a token
 * created while the list was loading never appeared); that load is cancelled and started again.
 * Only the loads a screen is watching are cancelled, as only those are started again: a one-off
 * read still in flight with no one watching (the staff's canned text being rendered for the reply
 * box when a live event arrived) is left to finish, instead of failing with nothing in its place.
 */
export async function refreshQueries(queryClient: QueryClient, ...filters: QueryFilters[]): Promise<void> {
  await Promise.all(filters.map((filter) => queryClient.cancelQueries({ ...filter, type: "active" })));
  await Promise.all(filters.map((filter) => queryClient.invalidateQueries(filter)));
}

/** What one refresh of a batcher covers: the keys to refresh first, those after, and whether to re-render the page's server parts. */
export interface TRefreshBatch<K> {
  first: Set<K>;
  then: Set<K>;
  rerender: boolean;
}

/**
 * Gathers the refreshes that live events ask for (spec 20) and runs them one at a time: what is
 * asked within `coalesceMs` goes in one refresh, and what is asked while a refresh runs waits for
 * it to end and goes in the next (a key asked both first and after is refreshed first only). A
 * refresh started while the last was still loading would cancel that load (refreshQueries cancels
 * what is in flight): under a steady flow of events (a staff page hears every team's) no load would
 * ever finish. A refresh that fails does not stop the next; one that hangs holds it back `maxWaitMs` at most.
 */
export function createRefreshBatcher<K>(
  run: (batch: TRefreshBatch<K>) => Promise<void>,
  opts: { coalesceMs: number; maxWaitMs: number },
): { add: (first: Iterable<K>, then: Iterable<K>, rerender?: boolean) => void; dispose: () => void } {
  let batch: TRefreshBatch<K> = { first: new Set(), then: new Set(), rerender: false };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  let disposed = false;
  const flush = async () => {
    const taken = batch;
    batch = { first: new Set(), then: new Set(), rerender: false };
    if (disposed || (taken.first.size === 0 && taken.then.size === 0 && !taken.rerender)) return;
    for (const key of taken.first) taken.then.delete(key);
    await run(taken);
  };
  const schedule = () => {
    timer = null;
    running = running.then(() => settledWithin(flush(), opts.maxWaitMs));
  };
  return {
    add(first, then, rerender = false) {
      for (const key of first) batch.first.add(key);
      for (const key of then) batch.then.add(key);
      batch.rerender ||= rerender;
      timer ??= setTimeout(schedule, opts.coalesceMs);
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** Resolves when `work` settles (fulfilled or not) or after `ms`, whichever comes first. */
function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    work.then(done, done);
  });
}
