import { describe, expect, it } from "vitest";
import { generateDemoUsage } from "./demo-usage";

const shapes = [
  { key: "blog", weight: 3, storageBytes: 30 * 1024 ** 2, storageGrowth: 0.002 },
  { key: "portfolio", weight: 1, storageBytes: 15 * 1024 ** 2, storageGrowth: 0.001 },
];
const opts = { today: new Date("2026-11-23T10:00:00Z"), days: 90, monthlyLimitGb: 5, targetShareOfLimit: 0.7 };

describe("demo usage", () => {
  it("is deterministic and covers 90 days per project", () => {
    const a = generateDemoUsage(shapes, opts);
    expect(a).toEqual(generateDemoUsage(shapes, opts));
    expect(a).toHaveLength(180);
    expect(a[0]!.day).toBe("2026-08-26");
    expect(a.at(-1)!.day).toBe("2026-11-23");
  });

  it("puts the month to date at the target share of the limit, with quieter weekends", () => {
    const rows = generateDemoUsage(shapes, opts);
    const month = rows.filter((r) => r.day.startsWith("2026-11")).reduce((s, r) => s + r.trafficBytes, 0n);
    expect(Number(month) / (5 * 1024 ** 3)).toBeCloseTo(0.7, 3);
    const blog = rows.filter((r) => r.projectKey === "blog");
    const saturday = blog.find((r) => r.day === "2026-11-21")!;
    const wednesday = blog.find((r) => r.day === "2026-11-18")!;
    expect(saturday.trafficBytes).toBeLessThan(wednesday.trafficBytes);
  });
});
