import { and, eq, gt, inArray, or } from "drizzle-orm";
import { addonTotals, type TAddonTotals } from "@/lib/addons";
import { PLANS, type TPlanId } from "@/lib/plans";
import { GB, MB } from "@/lib/usage-levels";
import type { Db } from "@/server/db/client";
import { additionalResource, teamSubscription } from "@/server/db/schema";
import { clock } from "@/lib/clock";

export interface TLimitSet {
  cpu_cores: number;
  memory_mb: number;
  traffic_gb: number;
  storage_mb: number;
}

/** The notes' `limits` shape, plus the plan and the two metered limits in bytes. */
export interface TEffectiveLimits extends TLimitSet {
  plan: TPlanId;
  plan_limits: TLimitSet;
  additional_resources: TAddonTotals;
  traffic_bytes_per_month: bigint;
  storage_bytes: bigint;
}

export function planLimitSet(plan: TPlanId): TLimitSet {
  const p = PLANS[plan];
  return { cpu_cores: p.maxCpu, memory_mb: p.maxMemoryMb, traffic_gb: p.maxTrafficGbPerMonth, storage_mb: p.maxStorageMb };
}

/** Plan limits + active add-ons. Pure: the same inputs give the same limits. */
export function combineLimits(plan: TPlanId, active: Parameters<typeof addonTotals>[0]): TEffectiveLimits {
  const base = planLimitSet(plan);
  const extra = addonTotals(active);
  const limits: TLimitSet = {
    cpu_cores: Math.round((base.cpu_cores + extra.cpu_cores) * 100) / 100,
    memory_mb: base.memory_mb + extra.ram_mb,
    traffic_gb: base.traffic_gb + extra.traffic_gb,
    storage_mb: base.storage_mb + extra.storage_gb * 1024,
  };
  return {
    plan,
    ...limits,
    plan_limits: base,
    additional_resources: extra,
    traffic_bytes_per_month: BigInt(limits.traffic_gb) * GB,
    storage_bytes: BigInt(limits.storage_mb) * MB,
  };
}

/**
 * Effective limits of several teams at `now`: plan + add-ons that are `active` and not yet past
 * `expires_at` (so a lapsed add-on stops counting even before the expiry job marks it), and
 * past-due ones (their automatic renewal's grace, spec 15).
 */
export async function getEffectiveLimitsForTeams(db: Db, teamIds: string[], now = clock.now()): Promise<Map<string, TEffectiveLimits>> {
  if (teamIds.length === 0) return new Map();
  const [subs, addons] = await Promise.all([
    db.select({ teamId: teamSubscription.teamId, plan: teamSubscription.planId }).from(teamSubscription).where(inArray(teamSubscription.teamId, teamIds)),
    db
      .select({ teamId: additionalResource.teamId, resourceType: additionalResource.resourceType, quantity: additionalResource.quantity })
      .from(additionalResource)
      .where(
        and(
          inArray(additionalResource.teamId, teamIds),
          // A past-due add-on (spec 15) keeps counting for its grace days: the expiry job ends them.
          or(and(eq(additionalResource.status, "active"), gt(additionalResource.expiresAt, now)), eq(additionalResource.status, "past_due")),
        ),
      ),
  ]);
  const result = new Map<string, TEffectiveLimits>();
  for (const s of subs) {
    result.set(
      s.teamId,
      combineLimits(
        s.plan,
        addons.filter((a) => a.teamId === s.teamId),
      ),
    );
  }
  return result;
}

export async function getEffectiveLimits(db: Db, teamId: string, now = clock.now()): Promise<TEffectiveLimits> {
  const limits = (await getEffectiveLimitsForTeams(db, [teamId], now)).get(teamId);
  return limits ?? combineLimits("free", []);
}
