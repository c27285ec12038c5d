import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { createRefreshBatcher, refreshQueries } from "./refresh";

/** A load that answers what `source` holds when it is asked, after `ms`; a cancelled one is dropped. */
function slowRead(source: { value: string }, ms: number) {
  return ({ signal }: { signal: AbortSignal }) =>
    new Promise<string>((resolve, reject) => {
      const read = source.value;
      const timer = setTimeout(() => resolve(read), ms);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
}

describe("refreshQueries", () => {
  it("starts a watched load again when the change came while it was in flight, so it shows what the change wrote", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const source = { value: "before" };
    const observer = new QueryObserver(queryClient, { queryKey: ["support", "list"], queryFn: slowRead(source, 30) });
    const seen: (string | undefined)[] = [];
    const unsubscribe = observer.subscribe((result) => seen.push(result.data));
    source.value = "after";
    await refreshQueries(queryClient, { queryKey: ["support"] });
    expect(queryClient.getQueryData(["support", "list"])).toBe("after");
    expect(seen).not.toContain("before");
    unsubscribe();
  });

  it("lets a one-off read nobody watches finish (a canned text being rendered when a live event arrives)", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const source = { value: "Bonjour Nadia" };
    const rendering = queryClient.fetchQuery({ queryKey: ["support", "render", { id: "c1" }], queryFn: slowRead(source, 30), staleTime: 0 });
    await refreshQueries(queryClient, { queryKey: ["support"] });
    await expect(rendering).resolves.toBe("Bonjour Nadia");
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createRefreshBatcher", () => {
  it("under a steady flow of events, a watched load still finishes and shows what was written (it is not cancelled by the next event's refresh)", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const source = { value: "v0" };
    // Loads take 100 ms; an event comes every 20 ms (a staff page hears every team's).
    const observer = new QueryObserver(queryClient, { queryKey: ["support", "ticket"], queryFn: slowRead(source, 100) });
    const seen: string[] = [];
    const unsubscribe = observer.subscribe((result) => void (result.data && seen.push(result.data)));
    await sleep(150);
    expect(seen).toEqual(["v0"]);
    const batcher = createRefreshBatcher<string>(async ({ first }) => refreshQueries(queryClient, ...[...first].map((key) => ({ queryKey: [key] }))), {
      coalesceMs: 50,
      maxWaitMs: 10_000,
    });
    for (let i = 1; i <= 40; i++) {
      source.value = `v${i}`;
      batcher.add(["support"], []);
      await sleep(20);
    }
    // While the events still came, the screen moved on (refreshes that cancel each other leave it on v0).
    expect(new Set(seen).size).toBeGreaterThan(2);
    // And once they stop, it ends on the last change.
    await expect.poll(() => queryClient.getQueryData(["support", "ticket"]), { timeout: 2_000 }).toBe("v40");
    batcher.dispose();
    unsubscribe();
  });

  it("puts what is asked together in one refresh, a key asked first and after refreshed first only", async () => {
    const batches: { first: string[]; then: string[]; rerender: boolean }[] = [];
    const batcher = createRefreshBatcher<string>(async (b) => void batches.push({ first: [...b.first], then: [...b.then], rerender: b.rerender }), {
      coalesceMs: 20,
      maxWaitMs: 1_000,
    });
    batcher.add(["payments"], ["balance", "support"]);
    batcher.add(["support"], ["teams"], true);
    await sleep(80);
    expect(batches).toEqual([{ first: ["payments", "support"], then: ["balance", "teams"], rerender: true }]);
    batcher.dispose();
  });

  it("goes on after a refresh that failed, and waits for one that hangs no longer than maxWaitMs", async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const batcher = createRefreshBatcher<string>(
        async () => {
          calls += 1;
          if (calls === 1) throw new Error("the server did not answer");
          if (calls === 2) await new Promise(() => {});
        },
        { coalesceMs: 10, maxWaitMs: 1_000 },
      );
      batcher.add(["tickets"], []);
      await vi.advanceTimersByTimeAsync(40);
      expect(calls).toBe(1);
      batcher.add(["tickets"], []);
      await vi.advanceTimersByTimeAsync(40);
      expect(calls).toBe(2);
      // The second hangs: the third waits for it, then goes ahead once maxWaitMs has passed.
      batcher.add(["tickets"], []);
      await vi.advanceTimersByTimeAsync(900);
      expect(calls).toBe(2);
      await vi.advanceTimersByTimeAsync(200);
      expect(calls).toBe(3);
      batcher.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
