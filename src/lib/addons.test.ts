import { describe, expect, it } from "vitest";
import { ADDONS, ADDON_MOVES, ADDON_STATUSES, ADDON_TYPES, addonTotals } from "./addons";
import { PROJECT_MOVES, PROJECT_STATUSES } from "./projects";

describe("the add-on price table and totals (spec 4)", () => {
  it("prices per 30 days: RAM 1.00, CPU 2.00, traffic 1.00, storage 1.00 EUR", () => {
    expect(Object.fromEntries(ADDON_TYPES.map((t) => [t, [ADDONS[t].unitPriceMinor, ADDONS[t].currency, ADDONS[t].unit]]))).toEqual({
      ram: [100, "EUR", "500 MB"],
      cpu: [200, "EUR", "1 CPU"],
      traffic: [100, "EUR", "10 GB"],
      storage: [100, "EUR", "10 GB"],
    });
  });

  it.each([
    [[], { ram_mb: 0, cpu_cores: 0, traffic_gb: 0, storage_gb: 0 }],
    [[{ resourceType: "ram", quantity: 3 }], { ram_mb: 1500, cpu_cores: 0, traffic_gb: 0, storage_gb: 0 }],
    [
      [
        { resourceType: "cpu", quantity: 2 },
        { resourceType: "traffic", quantity: 1 },
        { resourceType: "traffic", quantity: 4 },
        { resourceType: "storage", quantity: 100 },
      ],
      { ram_mb: 0, cpu_cores: 2, traffic_gb: 50, storage_gb: 1000 },
    ],
  ] as const)("%j adds %j", (active, totals) => {
    expect(addonTotals([...active])).toEqual(totals);
  });
});

describe("status machines", () => {
  it.each(Object.entries(ADDON_MOVES))("add-on move %s goes between known statuses", (_name, move) => {
    expect(move.from.length).toBeGreaterThan(0);
    for (const s of [...move.from, move.to]) expect(ADDON_STATUSES).toContain(s);
  });
  it("cancelled is final for an add-on; expired can come back by renewal only", () => {
    const leaving = (s: string) =>
      Object.entries(ADDON_MOVES)
        .filter(([, m]) => (m.from as readonly string[]).includes(s))
        .map(([n]) => n);
    expect(leaving("cancelled")).toEqual([]);
    expect(leaving("expired")).toEqual(["renew"]);
    expect(leaving("pending")).toEqual(["activate", "abandon"]);
  });
  it.each(Object.entries(PROJECT_MOVES))("project move %s goes between known statuses", (_name, move) => {
    for (const s of [...move.from, move.to]) expect(PROJECT_STATUSES).toContain(s);
  });
});
