import { describe, expect, it } from "vitest";
import { combineLimits } from "./effective-limits";

const GB = 1024n ** 3n;
const MB = 1024n ** 2n;

describe("effective limits = plan + active add-ons", () => {
  it.each([
    ["free", [], { cpu_cores: 0.3, memory_mb: 100, traffic_gb: 5, storage_mb: 100 }, 5n * GB, 100n * MB],
    ["pay_as_you_go", [], { cpu_cores: 4, memory_mb: 6144, traffic_gb: 10, storage_mb: 10240 }, 10n * GB, 10240n * MB],
    [
      "pay_as_you_go",
      [
        { resourceType: "ram", quantity: 2 },
        { resourceType: "cpu", quantity: 1 },
        { resourceType: "traffic", quantity: 3 },
        { resourceType: "storage", quantity: 1 },
      ],
      { cpu_cores: 5, memory_mb: 7144, traffic_gb: 40, storage_mb: 20480 },
      40n * GB,
      20480n * MB,
    ],
    ["free", [{ resourceType: "cpu", quantity: 1 }], { cpu_cores: 1.3, memory_mb: 100, traffic_gb: 5, storage_mb: 100 }, 5n * GB, 100n * MB],
  ] as const)("%s with %j", (plan, active, limits, trafficBytes, storageBytes) => {
    const l = combineLimits(plan, [...active]);
    expect(l).toMatchObject({ plan, ...limits, traffic_bytes_per_month: trafficBytes, storage_bytes: storageBytes });
  });
});
