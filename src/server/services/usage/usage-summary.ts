import { and, desc, eq, sql } from "drizzle-orm";
import { bytesToGb, bytesToMb, usageLevel, worstLevel, type TUsageLevel } from "@/lib/usage-levels";
import { addMonths, monthDays, monthKey, monthOf, monthResetsAt, type TMonth } from "@/lib/usage-period";
import { rowsOf, type Db } from "@/server/db/client";
import { project, projectUsage } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { TEffectiveLimits } from "@/server/services/limits/effective-limits";
import { loadTeamUsage } from "./team-usage";
import { loadTeamRecentDays, teamForecast } from "./team-forecast";
import type { TForecast } from "@/lib/forecast";
import { clock } from "@/lib/clock";

export interface TMetric {
  bytes: bigint;
  mb: number;
  gb: number;
  limit_bytes: bigint;
  /** Share of the team's effective limit, in percent (two decimals). */
  percent: number | null;
  level: TUsageLevel;
}

/** A team total: the metric and, for the current month, where it is heading (spec 18.2; null otherwise). */
export interface TTotalMetric extends TMetric {
  forecast: TForecast | null;
}

export interface TProjectUsage {
  id: string;
  slug: string;
  name: string;
  status: string;
  last_traffic_at: Date | null;
  traffic: TMetric;
  storage: TMetric;
}

export interface TUsageSummary {
  team: { id: string; slug: string; name: string; plan: TEffectiveLimits["plan"] };
  period: { month: string; first_day: string; last_day: string; traffic_resets_at: Date; is_current: boolean };
  limits: TEffectiveLimits;
  totals: { traffic: TTotalMetric; storage: TTotalMetric };
  projects: TProjectUsage[];
  /** The worst level of the team's metrics. */
  level: TUsageLevel;
}

export function metric(bytes: bigint, limitBytes: bigint): TMetric {
  const { percent, level } = usageLevel(bytes, limitBytes);
  return { bytes, mb: bytesToMb(bytes), gb: bytesToGb(bytes), limit_bytes: limitBytes, percent, level };
}

/**
 * The team's usage for a UTC month (default: the current one): per project and in total, bytes
 * in B/MB/GB, the effective limits (plan + active add-ons), percentages and levels; for the
 * current month, each total's forecast (its recent days read beside the usage, not after it).
 */
export async function getUsageSummary(
  db: Db,
  team: { id: string; slug: string; name: string },
  opts: { month?: TMonth; now?: Date } = {},
): Promise<TUsageSummary> {
  const now = opts.now ?? clock.now();
  const current = monthOf(now);
  const month = opts.month ?? current;
  const isCurrent = monthKey(month) === monthKey(current);
  const [usages, recent] = await Promise.all([
    loadTeamUsage(db, [team.id], { month, now }),
    isCurrent ? loadTeamRecentDays(db, [team.id], now) : Promise.resolve(null),
  ]);
  const usage = usages.get(team.id);
  if (!usage) throw new DomainError("NOT_FOUND", "Team not found.");
  const limits = usage.limits;
  const projects = usage.projects.map((p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    status: p.status,
    last_traffic_at: p.lastTrafficAt,
    traffic: metric(p.trafficBytes, limits.traffic_bytes_per_month),
    storage: metric(p.storageBytes, limits.storage_bytes),
  }));
  const traffic = usage.trafficBytes;
  const storage = usage.storageBytes;
  const forecast = recent ? teamForecast(usage, recent.get(team.id), now) : { traffic: null, storage: null };
  const totals = {
    traffic: { ...metric(traffic, limits.traffic_bytes_per_month), forecast: forecast.traffic },
    storage: { ...metric(storage, limits.storage_bytes), forecast: forecast.storage },
  };
  const days = monthDays(month);
  return {
    team: { id: team.id, slug: team.slug, name: team.name, plan: limits.plan },
    period: {
      month: monthKey(month),
      first_day: days.first,
      last_day: days.last,
      traffic_resets_at: monthResetsAt(month),
      is_current: isCurrent,
    },
    limits,
    totals,
    projects,
    level: worstLevel([totals.traffic.level, totals.storage.level]),
  };
}

export const MAX_DAILY_RANGE_DAYS = 366;

/**
 * A day of one project. Counts are plain numbers here (exact up to 2^53, about 9 PB a day):
 * a year of rows for 20 projects would otherwise carry 20,000 bigint annotations to the browser.
 */
export interface TDailyRow {
  day: string;
  project_id: string;
  traffic_bytes: number;
  requests: number;
  storage_bytes: number;
}

/**
 * Daily rows of the team's projects between two days (inclusive), for the charts. One query, whose
 * answer Postgres writes as JSON (parsed natively here): read row by row through the driver and
 * Drizzle, 600 rows cost several times the query itself (bench summary). Counts stay plain numbers
 * as above; the projects are by name, the rows by day then project id.
 */
export async function getUsageDaily(db: Db, teamId: string, range: { from: string; to: string }) {
  if (range.from > range.to) throw new DomainError("BAD_REQUEST", "from: must be on or before 'to'");
  const span = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (span > MAX_DAILY_RANGE_DAYS) throw new DomainError("BAD_REQUEST", `to: a range covers at most ${MAX_DAILY_RANGE_DAYS} days`);
  const [row] = rowsOf<{ projects: string; days: string }>(
    await db.execute(sql`
      select
        (select coalesce(json_agg(json_build_object('id', p.id, 'slug', p.slug, 'name', p.name) order by p.name), '[]')
         from project p where p.team_id = ${teamId})::text as projects,
        (select coalesce(json_agg(json_build_object('day', d.day, 'project_id', d.project_id, 'traffic_bytes', d.traffic_bytes,
                  'requests', d.requests, 'storage_bytes', d.storage_bytes) order by d.day, d.project_id), '[]')
         from project_usage_daily d
         where d.project_id in (select p.id from project p where p.team_id = ${teamId}) and d.day between ${range.from} and ${range.to})::text as days`),
  );
  const projects = JSON.parse(row!.projects) as { id: string; slug: string; name: string }[];
  const days = JSON.parse(row!.days) as TDailyRow[];
  return { from: range.from, to: range.to, projects, days };
}

/** Monthly totals of the team for the last `months` months (oldest first, zero-filled). */
export async function getUsageHistory(db: Db, teamId: string, opts: { months: number; now?: Date }) {
  const last = monthOf(opts.now ?? clock.now());
  const first = addMonths(last, -(opts.months - 1));
  const rows = await db
    .select({
      year: projectUsage.year,
      month: projectUsage.month,
      traffic: sql<string>`sum(${projectUsage.trafficBytes})::text`,
      storage: sql<string>`sum(${projectUsage.storageBytes})::text`,
    })
    .from(projectUsage)
    .innerJoin(project, eq(project.id, projectUsage.projectId))
    .where(
      and(
        eq(project.teamId, teamId),
        sql`(${projectUsage.year} * 12 + ${projectUsage.month}) between ${first.year * 12 + first.month} and ${last.year * 12 + last.month}`,
      ),
    )
    .groupBy(projectUsage.year, projectUsage.month)
    .orderBy(desc(projectUsage.year), desc(projectUsage.month));
  const byKey = new Map(rows.map((r) => [monthKey(r), r]));
  return Array.from({ length: opts.months }, (_, i) => {
    const m = addMonths(first, i);
    const r = byKey.get(monthKey(m));
    return { month: monthKey(m), traffic_bytes: BigInt(r?.traffic ?? 0), storage_bytes: BigInt(r?.storage ?? 0) };
  });
}

const CSV_HEADER = "day,project_id,project_slug,project_name,traffic_bytes,requests,storage_bytes";

/**
 * A CSV cell. Text that a spreadsheet would run as a formula (OWASP's CSV injection rule: it
 * begins with =, +, -, @, a tab or a carriage return) is written with a leading ' and quoted.
 */
export function csvField(value: string): string {
  if (/^[=+\-@\t\r]/.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The month's daily rows as CSV (one line per project and day that has a row). */
export async function exportUsageCsv(db: Db, teamId: string, month: TMonth): Promise<{ filename: string; csv: string }> {
  const { first, last } = monthDays(month);
  const data = await getUsageDaily(db, teamId, { from: first, to: last });
  const names = new Map(data.projects.map((p) => [p.id, p]));
  const lines = data.days.map((d) => {
    const p = names.get(d.project_id)!;
    return [csvField(d.day), csvField(d.project_id), csvField(p.slug), csvField(p.name), d.traffic_bytes, d.requests, d.storage_bytes].join(",");
  });
  return { filename: `usage-${monthKey(month)}.csv`, csv: `${[CSV_HEADER, ...lines].join("\n")}\n` };
}
