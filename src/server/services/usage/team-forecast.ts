import { sql } from "drizzle-orm";
import { FORECAST_WINDOW_DAYS, forecastStorage, forecastTraffic, trafficWindowDays, type TForecast } from "@/lib/forecast";
import { dayOf } from "@/lib/usage-period";
import { pgArray, rowsOf, type Db } from "@/server/db/client";
import type { TTeamMonthUsage } from "./team-usage";

export interface TTeamRecentDays {
  /** Traffic bytes by day, the month's complete days the average reads. */
  traffic: Map<string, bigint>;
  /** The team's storage on each of the last 7 days that have a row (today's included). */
  storage: { day: string; bytes: bigint }[];
}

/**
 * The teams' daily totals of the last 7 days and today, the forecast's inputs (spec 18.2): one
 * grouped query over the daily rows' primary key range, whatever the number of teams.
 */
export async function loadTeamRecentDays(db: Db, teamIds: string[], now: Date): Promise<Map<string, TTeamRecentDays>> {
  const result = new Map<string, TTeamRecentDays>();
  if (teamIds.length === 0) return result;
  const today = dayOf(now);
  const from = dayOf(new Date(now.getTime() - FORECAST_WINDOW_DAYS * 86_400_000));
  const rows = rowsOf<{ team_id: string; day: string; traffic: string; storage: string }>(
    await db.execute(sql`
      select p.team_id, d.day::text as day, sum(d.traffic_bytes)::text as traffic, sum(d.storage_bytes)::text as storage
      from project_usage_daily d
      join project p on p.id = d.project_id
      where p.team_id = any(${pgArray(teamIds)}::text[]) and d.day between ${from}::date and ${today}::date
      group by p.team_id, d.day
      order by p.team_id, d.day`),
  );
  const window = new Set(trafficWindowDays(now));
  for (const r of rows) {
    let team = result.get(r.team_id);
    if (!team) result.set(r.team_id, (team = { traffic: new Map(), storage: [] }));
    if (window.has(r.day)) team.traffic.set(r.day, BigInt(r.traffic));
    if (r.day > from) team.storage.push({ day: r.day, bytes: BigInt(r.storage) });
  }
  return result;
}

/** A team's forecast of the current month from its usage and its recent days (none: no rows, no traffic). */
export function teamForecast(usage: TTeamMonthUsage, recent: TTeamRecentDays | undefined, now: Date): { traffic: TForecast | null; storage: TForecast | null } {
  return {
    traffic: forecastTraffic({ now, usedBytes: usage.trafficBytes, limitBytes: usage.limits.traffic_bytes_per_month, daily: recent?.traffic ?? new Map() }),
    storage: forecastStorage({ now, usedBytes: usage.storageBytes, limitBytes: usage.limits.storage_bytes, measures: recent?.storage ?? [] }),
  };
}
