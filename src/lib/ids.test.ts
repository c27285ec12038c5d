import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("public ids", () => {
  it("are the prefix and 20 base-36 characters, each of the 36 drawn about as often", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const id = newId("pay");
      expect(id).toMatch(/^pay_[0-9a-z]{20}$/);
      for (const c of id.slice(4)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    // 200,000 characters: about 5,556 each (σ ≈ 74). A byte taken modulo 36 gave "0" to "3" 8/256
    // of the draws, about 6,250 each; 6,000 is 6σ above the mean of an unbiased draw.
    expect(counts.size).toBe(36);
    for (const [c, n] of counts) expect(n, c).toBeLessThan(6000);
    expect(new Set(Array.from({ length: 1000 }, () => newId("tkt"))).size).toBe(1000);
  });
});
