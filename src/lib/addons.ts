/**
 * The add-on catalogue of spec section 4: the one place their units and prices live.
 * Every add-on buys 30 days.
 */
import { PRICES } from "./money";

export const ADDON_TYPES = ["ram", "cpu", "traffic", "storage"] as const;
export type TAddonType = (typeof ADDON_TYPES)[number];

export interface TAddon {
  type: TAddonType;
  name: string;
  unit: string;
  /** What one unit adds to the effective limits. */
  adds: { memoryMb?: number; cpuCores?: number; trafficGb?: number; storageGb?: number };
  unitPriceMinor: number;
  currency: "EUR";
  description: string;
  icon: "memory" | "cpu" | "traffic" | "storage";
}

export const ADDON_PERIOD_DAYS = 30;
/** The statuses whose capacity counts in the limits (an active one until it expires; a past-due one for its grace). */
export const COUNTING_ADDON_STATUSES = ["active", "past_due"] as const;

export const ADDONS: Record<TAddonType, TAddon> = {
  ram: {
    type: "ram",
    name: "Extra RAM",
    unit: "500 MB",
    adds: { memoryMb: 500 },
    unitPriceMinor: PRICES.ram.EUR,
    currency: "EUR",
    description: "Add 500 MB of memory to your plan",
    icon: "memory",
  },
  cpu: {
    type: "cpu",
    name: "Extra CPU",
    unit: "1 CPU",
    adds: { cpuCores: 1 },
    unitPriceMinor: PRICES.cpu.EUR,
    currency: "EUR",
    description: "Add 1 CPU core to your plan",
    icon: "cpu",
  },
  traffic: {
    type: "traffic",
    name: "Extra traffic",
    unit: "10 GB",
    adds: { trafficGb: 10 },
    unitPriceMinor: PRICES.traffic.EUR,
    currency: "EUR",
    description: "Add 10 GB of monthly traffic to your plan",
    icon: "traffic",
  },
  storage: {
    type: "storage",
    name: "Extra storage",
    unit: "10 GB",
    adds: { storageGb: 10 },
    unitPriceMinor: PRICES.storage.EUR,
    currency: "EUR",
    description: "Add 10 GB of storage to your plan",
    icon: "storage",
  },
};

export interface TAddonTotals {
  ram_mb: number;
  cpu_cores: number;
  traffic_gb: number;
  storage_gb: number;
}

/** Totals over active add-ons (the notes' shape): 500 MB × RAM units, 1 × CPU, 10 GB × traffic, 10 GB × storage. */
export function addonTotals(active: { resourceType: TAddonType; quantity: number }[]): TAddonTotals {
  const totals: TAddonTotals = { ram_mb: 0, cpu_cores: 0, traffic_gb: 0, storage_gb: 0 };
  for (const r of active) {
    const adds = ADDONS[r.resourceType].adds;
    totals.ram_mb += (adds.memoryMb ?? 0) * r.quantity;
    totals.cpu_cores += (adds.cpuCores ?? 0) * r.quantity;
    totals.traffic_gb += (adds.trafficGb ?? 0) * r.quantity;
    totals.storage_gb += (adds.storageGb ?? 0) * r.quantity;
  }
  return totals;
}

/** `past_due`: its automatic renewal was not covered by the balance (spec 15); it still counts for the grace days. */
export const ADDON_STATUSES = ["pending", "active", "past_due", "expired", "cancelled"] as const;
export type TAddonStatus = (typeof ADDON_STATUSES)[number];

/**
 * The add-on's status machine (spec 4), the one place it is written: each move, from which
 * statuses, to which. The services build their `WHERE status …` guards from it, so a move a
 * resource is not in the state for changes nothing.
 */
export const ADDON_MOVES = {
  /** Its purchase was paid: active for 30 days. */
  activate: { from: ["pending"], to: "active" },
  /** A renewal was paid: 30 more days (an expired add-on comes back). */
  renew: { from: ["active", "past_due", "expired"], to: "active" },
  /** Due, set to renew, and the balance did not cover it: the grace days (the expiry job). */
  fallDue: { from: ["active"], to: "past_due" },
  /** Past `expires_at` (the expiry job), or past the grace days when it was due. */
  expire: { from: ["active", "past_due"], to: "expired" },
  /** Its purchase failed or was cancelled. */
  abandon: { from: ["pending"], to: "cancelled" },
  /** An owner or admin cancels it: its capacity leaves the limits at once. */
  cancel: { from: ["active", "past_due"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly TAddonStatus[]; to: TAddonStatus }>;
