import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` hits per window per key, then says how long to wait", () => {
    const rl = new RateLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([rl.hit("a", t0), rl.hit("a", t0), rl.hit("a", t0)]).toEqual([0, 0, 0]);
    expect(rl.hit("a", t0 + 15_000)).toBe(45);
    expect(rl.hit("b", t0 + 15_000)).toBe(0);
    expect(rl.hit("a", t0 + 60_000)).toBe(0);
  });

  it("a limit of 0 turns it off", () => {
    const rl = new RateLimiter(0, 1000);
    for (let i = 0; i < 100; i++) expect(rl.hit("x")).toBe(0);
  });
});
