import { sql } from "drizzle-orm";
import { clock } from "@/lib/clock";
import { CURRENCIES, priceOf, type TCurrency } from "@/lib/money";
import { type TTicketPriority } from "@/lib/support";
import { rowsOf, type Db } from "@/server/db/client";
import { readMetricsSnapshot } from "@/server/services/metrics/metrics-snapshot";

const DAY_MS = 86_400_000;
const TOP = 5;

/** What the admin revenue page shows (spec 17), every amount in minor units of its currency. */
export interface TRevenueReport {
  /** Each currency, 0 when none: what 30 days of the active Pro plans and active or past-due add-ons bring in. */
  revenue: { currency: TCurrency; proTeams: number; proMinor: number; addonsMinor: number; totalMinor: number }[];
  payingTeams: number;
  /** Teams whose first completed plan upgrade is in `now`'s UTC month. */
  conversionsThisMonth: number;
  /** Payments created in the 30 days before `now`; the rate is completed / final (null: none final yet). */
  payments: { method: string; provider: string; total: number; final: number; completed: number; successRate: number | null; medianSeconds: number | null }[];
  failureReasons: { reason: string; count: number }[];
  /** This UTC month's traffic, summed over each team's projects. */
  topTeams: { teamId: string; slug: string; name: string; trafficBytes: number }[];
  tickets: { priority: TTicketPriority; open: number; breached: number }[];
  openTickets: number;
  slaBreaches: number;
  windowStart: Date;
  monthStart: Date;
}

/**
 * The revenue report at `now`: read-only, a handful of grouped queries. Pro (plan `pay_as_you_go`) is priced from PRICES
 * in the team's billing currency (EUR without a profile); add-ons at the unit price they were bought at.
 */
export async function getRevenueReport(db: Db, now = clock.now()): Promise<TRevenueReport> {
  const windowStart = new Date(now.getTime() - 30 * DAY_MS);
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const nowIso = now.toISOString();
  const [pro, addons, conversions, payments, reasons, topTeams, snapshot] = await Promise.all([
    db.execute(sql`
      select coalesce(bp.currency, 'EUR') as currency, count(*)::int as teams
      from team_subscription s left join billing_profile bp on bp.team_id = s.team_id
      where s.plan_id = 'pay_as_you_go' and s.status = 'active'
      group by 1`),
    db.execute(sql`
      select currency, coalesce(sum(unit_price_minor::bigint * quantity), 0)::float8 as minor
      from additional_resource where status in ('active', 'past_due')
      group by currency`),
    db.execute(sql`
      select count(*)::int as count from (
        select team_id, min(completed_at) as first_at from payment
        where purpose = 'plan_upgrade' and status = 'completed' group by team_id
      ) f
      where f.first_at >= ${monthStart.toISOString()}::timestamptz and f.first_at < ${nextMonth.toISOString()}::timestamptz`),
    db.execute(sql`
      select payment_method as method, provider, count(*)::int as total,
             (count(*) filter (where status in ('completed', 'failed', 'cancelled')))::int as final,
             (count(*) filter (where status = 'completed'))::int as completed,
             (percentile_cont(0.5) within group (order by extract(epoch from completed_at - created_at))
               filter (where status = 'completed'))::float8 as median_seconds
      from payment
      where created_at >= ${windowStart.toISOString()}::timestamptz and created_at <= ${nowIso}::timestamptz
      group by payment_method, provider order by payment_method, provider`),
    db.execute(sql`
      select coalesce(nullif(metadata ->> 'failure_reason', ''), 'unknown') as reason, count(*)::int as count
      from payment
      where status = 'failed' and created_at >= ${windowStart.toISOString()}::timestamptz and created_at <= ${nowIso}::timestamptz
      group by 1 order by 2 desc, 1 limit ${TOP}`),
    db.execute(sql`
      select t.id as team_id, t.slug, t.name, sum(u.traffic_bytes)::float8 as traffic_bytes
      from project_usage u join project p on p.id = u.project_id join team t on t.id = p.team_id
      where u.year = ${now.getUTCFullYear()} and u.month = ${now.getUTCMonth() + 1}
      group by t.id, t.slug, t.name having sum(u.traffic_bytes) > 0
      order by 4 desc, t.slug limit ${TOP}`),
    readMetricsSnapshot(db, now),
  ]);

  const proTeams = new Map(rowsOf<{ currency: string; teams: number }>(pro).map((r) => [r.currency, r.teams]));
  const addonMinor = new Map(rowsOf<{ currency: string; minor: number }>(addons).map((r) => [r.currency, Number(r.minor)]));
  const revenue = CURRENCIES.map((currency) => {
    const teams = proTeams.get(currency) ?? 0;
    const proMinor = teams * priceOf("pro", currency);
    const addonsMinor = addonMinor.get(currency) ?? 0;
    return { currency, proTeams: teams, proMinor, addonsMinor, totalMinor: proMinor + addonsMinor };
  });
  const tickets = snapshot.tickets;
  return {
    revenue,
    payingTeams: revenue.reduce((n, r) => n + r.proTeams, 0),
    conversionsThisMonth: rowsOf<{ count: number }>(conversions)[0]?.count ?? 0,
    payments: rowsOf<{ method: string; provider: string; total: number; final: number; completed: number; median_seconds: number | null }>(payments).map(
      (r) => ({
        method: r.method,
        provider: r.provider,
        total: r.total,
        final: r.final,
        completed: r.completed,
        successRate: r.final > 0 ? r.completed / r.final : null,
        medianSeconds: r.median_seconds === null ? null : Number(r.median_seconds),
      }),
    ),
    failureReasons: rowsOf<{ reason: string; count: number }>(reasons),
    topTeams: rowsOf<{ team_id: string; slug: string; name: string; traffic_bytes: number }>(topTeams).map((r) => ({
      teamId: r.team_id,
      slug: r.slug,
      name: r.name,
      trafficBytes: Number(r.traffic_bytes),
    })),
    tickets,
    openTickets: tickets.reduce((n, t) => n + t.open, 0),
    slaBreaches: tickets.reduce((n, t) => n + t.breached, 0),
    windowStart,
    monthStart,
  };
}
