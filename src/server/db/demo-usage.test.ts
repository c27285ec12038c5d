import { describe, expect, it } from "vitest";
import { generateDemoUsage } from "./demo-usage";

const GIB = 1024 ** 3;
const shapes = [
  { key: "blog", weight: 3, storageBytes: 30 * 1024 ** 2, storageGrowth: 0.002 },
  { key: "portfolio", weight: 1, storageBytes: 15 * 1024 ** 2, storageGrowth: 0.001 },
];
const opts = { now: new Date("2026-11-23T10:00:00Z"), days: 90, monthlyLimitGb: 5, targetShareOfLimit: 0.7 };
const sum = (rows: { trafficBytes: bigint }[]) => rows.reduce((s, r) => s + r.trafficBytes, 0n);

describe("demo usage", () => {
  it("is deterministic and covers 90 days per project, ending on the seeding day", () => {
    const a = generateDemoUsage(shapes, opts);
    expect(a).toEqual(generateDemoUsage(shapes, opts));
    expect(a).toHaveLength(180);
    expect(a[0]!.day).toBe("2026-08-26");
    expect(a.at(-1)!.day).toBe("2026-11-23");
  });

  it("runs at a pace where the last 30 whole days come to the target share of a month, with quieter weekends", () => {
    const rows = generateDemoUsage(shapes, opts);
    const last30 = rows.filter((r) => r.day >= "2026-10-24" && r.day < "2026-11-23");
    expect(Number(sum(last30)) / (5 * GIB)).toBeCloseTo(0.7, 3);
    const blog = rows.filter((r) => r.projectKey === "blog");
    const saturday = blog.find((r) => r.day === "2026-11-21")!;
    const wednesday = blog.find((r) => r.day === "2026-11-18")!;
    expect(saturday.trafficBytes).toBeLessThan(wednesday.trafficBytes);
  });

  it("writes nothing after its own now: on the 1st the month holds only the hours gone by", () => {
    const at = (iso: string) => generateDemoUsage(shapes, { ...opts, now: new Date(iso) });
    const december = (rows: ReturnType<typeof at>) => rows.filter((r) => r.day.startsWith("2026-12"));
    expect(sum(december(at("2026-12-01T00:00:00Z")))).toBe(0n);
    const noon = december(at("2026-12-01T12:00:00Z"));
    const evening = december(at("2026-12-01T23:59:59.999Z"));
    expect(noon.every((r) => r.day === "2026-12-01")).toBe(true);
    // Half a day is half of the whole day, and a day is about a thirtieth of the month's pace.
    expect(Number(sum(noon)) / Number(sum(evening))).toBeCloseTo(0.5, 3);
    expect(Number(sum(evening)) / (5 * GIB)).toBeLessThan(0.05);
  });

  it("takes the leap day and the year's end like any other day", () => {
    const leap = generateDemoUsage(shapes, { ...opts, now: new Date("2028-02-29T18:00:00Z") });
    expect(leap.at(-1)!.day).toBe("2028-02-29");
    expect(new Set(leap.map((r) => r.day)).size).toBe(90);
    const newYear = generateDemoUsage(shapes, { ...opts, now: new Date("2026-12-31T23:59:30Z") });
    expect(newYear.at(-1)!.day).toBe("2026-12-31");
    expect(newYear.some((r) => r.day > "2026-12-31")).toBe(false);
  });
});
