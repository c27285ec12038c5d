import { describe, expect, it } from "vitest";
import { GB, bytesToGb, bytesToMb, levelFor, percentUsed, usageLevel, worstLevel } from "./usage-levels";

describe("usage levels", () => {
  it("ok below 80 %, warning from 80 %, critical from 95 %, exceeded from 100 %", () => {
    expect(levelFor(79.99)).toBe("ok");
    expect(levelFor(80)).toBe("warning");
    expect(levelFor(94.99)).toBe("warning");
    expect(levelFor(95)).toBe("critical");
    expect(levelFor(99.99)).toBe("critical");
    expect(levelFor(100)).toBe("exceeded");
    expect(levelFor(250)).toBe("exceeded");
    expect(levelFor(null)).toBe("ok");
  });

  it("computes percentages exactly from bigint bytes, unlimited as null", () => {
    expect(percentUsed(4n * GB, 5n * GB)).toBe(80);
    expect(percentUsed(4n * GB - 1n, 5n * GB)).toBe(79.99);
    expect(percentUsed(2n ** 62n, 2n ** 63n)).toBe(50);
    expect(percentUsed(10n, -1n)).toBeNull();
    expect(usageLevel(5n * GB, 5n * GB)).toEqual({ percent: 100, level: "exceeded" });
  });

  it("converts with 1 MB = 1024² and 1 GB = 1024³", () => {
    expect(bytesToMb(1024n * 1024n * 3n)).toBe(3);
    expect(bytesToGb(GB + GB / 2n)).toBe(1.5);
  });

  it("the worst level wins", () => {
    expect(worstLevel(["ok", "critical", "warning"])).toBe("critical");
    expect(worstLevel([])).toBe("ok");
  });
});
