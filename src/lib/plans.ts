/**
 * The two plans of the product (spec section 2): the one place their limits and price live.
 * The database's `subscription_plan` rows are seeded from this module; `-1` means unlimited.
 */
import { PRICES } from "./money";

export const PLAN_IDS = ["free", "pay_as_you_go"] as const;
export type TPlanId = (typeof PLAN_IDS)[number];

export const UNLIMITED = -1;

export interface TPlanLimits {
  maxTeams: number;
  maxMembers: number;
  maxProjects: number;
  maxCpu: number;
  maxMemoryMb: number;
  maxTrafficGbPerMonth: number;
  maxStorageMb: number;
  customDomains: boolean;
}

export interface TPlan extends TPlanLimits {
  id: TPlanId;
  name: string;
  /** The plan row's price, in EUR; a team pays it in its own currency (lib/money `PRICES`). */
  priceMinor: number;
  currency: "EUR";
  /** Days of service one payment buys (0 for the free plan). */
  periodDays: number;
}

export const PLANS: Record<TPlanId, TPlan> = {
  free: {
    id: "free",
    name: "Free",
    maxTeams: 1,
    maxMembers: 1,
    maxProjects: 2,
    maxCpu: 0.3,
    maxMemoryMb: 100,
    maxTrafficGbPerMonth: 5,
    maxStorageMb: 100,
    customDomains: false,
    priceMinor: 0,
    currency: "EUR",
    periodDays: 0,
  },
  pay_as_you_go: {
    id: "pay_as_you_go",
    name: "Pro",
    maxTeams: UNLIMITED,
    maxMembers: UNLIMITED,
    maxProjects: UNLIMITED,
    maxCpu: 4.0,
    maxMemoryMb: 6144,
    maxTrafficGbPerMonth: 10,
    maxStorageMb: 10240,
    customDomains: true,
    priceMinor: PRICES.pro.EUR,
    currency: "EUR",
    periodDays: 30,
  },
};

export function isUnlimited(limit: number): boolean {
  return limit === UNLIMITED;
}

/** True when `count` more items still fit under `limit` (which may be unlimited). */
export function fitsLimit(current: number, limit: number, adding = 1): boolean {
  return isUnlimited(limit) || current + adding <= limit;
}
