import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { refreshQueries } from "./refresh";

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
