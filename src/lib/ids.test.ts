import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("public ids", () => {
  it("are the prefix and 20 base-36 characters, each of the 36 drawn about as often", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const id = newId("pay");
      expect(id).toMatch(/^pay_[0-9a-z]{20}$/);
      for (const c of id.slice(4)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    // 40,000 characters: about 1,111 each. A byte taken modulo 36 gave the first four characters
    // 8/7 of that (about 1,270); an unbiased draw stays within a few percent of the mean.
    expect(counts.size).toBe(36);
    for (const [c, n] of counts) expect(n, c).toBeLessThan(1250);
    expect(new Set(Array.from({ length: 1000 }, () => newId("tkt"))).size).toBe(1000);
  });
});
