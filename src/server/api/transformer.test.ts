import superjson, { type SuperJSONResult } from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serializeOutput } from "./transformer";

/**
 * What the browser and the typed client read: the `json` text exactly, `meta.values` as a value
 * (superjson orders its keys by its own merging, and reads each path on its own), and what
 * superjson makes of the whole when reading it.
 */
const read = (result: SuperJSONResult) => {
  const text = JSON.stringify(result);
  const { json, meta } = JSON.parse(text) as SuperJSONResult;
  return { json: JSON.stringify(json), values: meta?.values, read: superjson.deserialize(JSON.parse(text) as SuperJSONResult) };
};
const wire = (v: unknown) => read(serializeOutput(v));
const reference = (v: unknown) => read(superjson.serialize(v));

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(next: () => number, depth: number): unknown {
  const r = next();
  if (depth <= 0 || r < 0.45) {
    const leaves = [
      () => Math.floor(next() * 1e6),
      () => next() * 10 - 5,
      () => BigInt(Math.floor(next() * 1e15)) * 1000n,
      () => new Date(Date.UTC(2026, Math.floor(next() * 12), 1 + Math.floor(next() * 28), 3, 4, 5, 6)),
      () => undefined,
      () => null,
      () => next() < 0.5,
      () => ["plain", "a.b", "back\\slash", "", "é ✓"][Math.floor(next() * 5)],
    ];
    return leaves[Math.floor(next() * leaves.length)]!();
  }
  const n = Math.floor(next() * 4);
  if (r < 0.7) return Array.from({ length: n }, () => generate(next, depth - 1));
  const keys = ["id", "a.b", "c\\d", "", "0", "12", "traffic", "x.y.z"];
  const o: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) o[keys[Math.floor(next() * keys.length)]!] = generate(next, depth - 1);
  return o;
}

afterEach(() => vi.restoreAllMocks());

describe("the API's output transformer", () => {
  it("writes a usage.daily answer as superjson does, without superjson's walk", () => {
    const daily = {
      from: "2026-11-02",
      to: "2026-12-01",
      projects: [{ id: "prj_1", slug: "web", name: "Web" }],
      days: Array.from({ length: 600 }, (_, i) => ({
        day: `2026-11-${String((i % 28) + 1).padStart(2, "0")}`,
        project_id: `prj_${i % 20}`,
        traffic_bytes: i * 1000,
        requests: i,
        storage_bytes: 5,
      })),
    };
    const spy = vi.spyOn(superjson, "serialize");
    const out = serializeOutput(daily);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(wire(daily)).toEqual(reference(daily));
    expect(superjson.deserialize(JSON.parse(JSON.stringify(out)))).toEqual(daily);
  });

  it("writes bigints, Dates and undefined with superjson's annotations, paths escaped as superjson escapes them", () => {
    const summary = {
      team: { id: "team_1", plan: "free" },
      period: { traffic_resets_at: new Date("2027-01-01T00:00:00Z"), is_current: true },
      totals: { traffic: { bytes: 123n, percent: null, limit_bytes: 10n ** 12n }, storage: { bytes: 0n } },
      projects: [
        { id: "p", last_traffic_at: null },
        { id: "q", last_traffic_at: new Date("2026-11-30T23:59:59.999Z") },
      ],
      "odd.key": { "back\\slash": 1n },
      missing: undefined,
      list: [undefined, 1n, "x"],
    };
    const spy = vi.spyOn(superjson, "serialize");
    const out = serializeOutput(summary);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(wire(summary)).toEqual(reference(summary));
    expect(out.meta?.values).toMatchObject({ "totals.traffic.bytes": ["bigint"], "odd\\.key.back\\\\slash": ["bigint"], "list.0": ["undefined"] });
    // The caller's value is not changed.
    expect(summary.totals.traffic.bytes).toBe(123n);
    expect(superjson.deserialize(JSON.parse(JSON.stringify(out)))).toEqual(summary);
    // superjson lists the equal bigints (list.1 and odd.key's 1n) as a referential equality, which reads the same.
    expect(superjson.serialize(summary).meta?.referentialEqualities).toBeDefined();
    expect(out.meta?.referentialEqualities).toBeUndefined();
  });

  it("hands anything else to superjson, whole", () => {
    const shared = { a: 1 };
    const cases: unknown[] = [
      { m: new Map([["a", 1n]]) },
      { s: new Set([1, 2]) },
      { e: new Error("boom") },
      { n: Number.NaN },
      { i: -Infinity },
      { d: new Date(Number.NaN).getTime() === 0 ? null : { ok: 1 } },
      { twice: [shared, shared] },
      { re: /x/g },
      // eslint-disable-next-line no-sparse-arrays -- an array with a hole
      [1, , 3],
      { cls: new (class Thing {})() },
      { url: new URL("https://example.com/") },
      "text",
      12n,
      new Date("2026-01-01T00:00:00Z"),
      undefined,
      null,
    ];
    for (const c of cases) expect(wire(c), String(c)).toEqual(reference(c));
  });

  it("agrees with superjson on 2,000 generated values", () => {
    const next = random(20261201);
    for (let i = 0; i < 2000; i++) {
      const v = generate(next, 4);
      expect(wire(v)).toEqual(reference(v));
    }
  });
});
