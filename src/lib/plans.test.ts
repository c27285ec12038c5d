import { describe, expect, it } from "vitest";
import { PLANS, UNLIMITED, fitsLimit } from "./plans";

describe("plans", () => {
  it("hold the limits and price of spec section 2", () => {
    expect(PLANS.free).toMatchObject({
      maxTeams: 1,
      maxMembers: 1,
      maxProjects: 2,
      maxCpu: 0.3,
      maxMemoryMb: 100,
      maxTrafficGbPerMonth: 5,
      maxStorageMb: 100,
      customDomains: false,
      priceMinor: 0,
    });
    expect(PLANS.pay_as_you_go).toMatchObject({
      maxTeams: UNLIMITED,
      maxMembers: UNLIMITED,
      maxProjects: UNLIMITED,
      maxCpu: 4,
      maxMemoryMb: 6144,
      maxTrafficGbPerMonth: 10,
      maxStorageMb: 10240,
      customDomains: true,
      priceMinor: 300,
      currency: "EUR",
    });
  });

  it("fitsLimit counts the item being added and treats -1 as unlimited", () => {
    expect(fitsLimit(1, 2)).toBe(true);
    expect(fitsLimit(2, 2)).toBe(false);
    expect(fitsLimit(1_000_000, UNLIMITED)).toBe(true);
  });
});
