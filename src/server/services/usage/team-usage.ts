import { sql } from "drizzle-orm";
import type { TMonth } from "@/lib/usage-period";
import { pgArray, rowsOf, type Db } from "@/server/db/client";
import { getEffectiveLimitsForTeams, type TEffectiveLimits } from "@/server/services/limits/effective-limits";

export interface TProjectMonthUsage {
  id: string;
  slug: string;
  name: string;
  status: string;
  lastTrafficAt: Date | null;
  trafficBytes: bigint;
  storageBytes: bigint;
}

export interface TTeamMonthUsage {
  teamId: string;
  slug: string;
  name: string;
  /** Plan + add-ons active at `now`. */
  limits: TEffectiveLimits;
  trafficBytes: bigint;
  storageBytes: bigint;
  /** By name. */
  projects: TProjectMonthUsage[];
}

/**
 * "A team's usage in a month", the one loader the Overview, the Usage page, the REST summary and
 * the limits job all read (so the panel and the alert path cannot drift apart). Set-based: one
 * query for every project of the teams, one for their limits. Traffic is the month's; storage is
 * the month's figure or, for a month without one yet (before the 04:00 storage run on the 1st),
 * the last one measured before it, not 0.
 */
export async function loadTeamUsage(db: Db, teamIds: string[], opts: { month: TMonth; now: Date }): Promise<Map<string, TTeamMonthUsage>> {
  const result = new Map<string, TTeamMonthUsage>();
  if (teamIds.length === 0) return result;
  const { year, month } = opts.month;
  const ids = pgArray(teamIds);
  const [teams, projects, limits] = await Promise.all([
    db.execute(sql`select id, slug, name from team where id = any(${ids}::text[])`),
    db.execute(sql`
      select p.id, p.team_id, p.slug, p.name, p.status, p.last_traffic_at,
             coalesce(u.traffic_bytes, 0)::text as traffic,
             coalesce(u.storage_bytes, last.storage_bytes, 0)::text as storage
      from project p
      left join project_usage u on u.project_id = p.id and u.year = ${year} and u.month = ${month}
      left join lateral (
        select l.storage_bytes from project_usage l
        where l.project_id = p.id and (l.year, l.month) < (${year}, ${month})
        order by l.year desc, l.month desc limit 1
      ) last on u.id is null
      where p.team_id = any(${ids}::text[])
      order by p.team_id, p.name, p.id`),
    getEffectiveLimitsForTeams(db, teamIds, opts.now),
  ]);
  for (const t of rowsOf<{ id: string; slug: string; name: string }>(teams)) {
    const teamLimits = limits.get(t.id);
    if (!teamLimits) continue;
    result.set(t.id, { teamId: t.id, slug: t.slug, name: t.name, limits: teamLimits, trafficBytes: 0n, storageBytes: 0n, projects: [] });
  }
  type TRow = {
    id: string;
    team_id: string;
    slug: string;
    name: string;
    status: string;
    last_traffic_at: Date | string | null;
    traffic: string;
    storage: string;
  };
  for (const r of rowsOf<TRow>(projects)) {
    const team = result.get(r.team_id);
    if (!team) continue;
    const p: TProjectMonthUsage = {
      id: r.id,
      slug: r.slug,
      name: r.name,
      status: r.status,
      lastTrafficAt: r.last_traffic_at === null ? null : new Date(r.last_traffic_at),
      trafficBytes: BigInt(r.traffic),
      storageBytes: BigInt(r.storage),
    };
    team.projects.push(p);
    team.trafficBytes += p.trafficBytes;
    team.storageBytes += p.storageBytes;
  }
  return result;
}
