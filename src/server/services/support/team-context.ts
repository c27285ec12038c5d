import { sql } from "drizzle-orm";
import { creditCapMinor, fromMinor } from "@/lib/money";
import { SUPPORT_CREDIT_MAX_EUR_DEFAULT } from "@/lib/support";
import { monthKey, monthOf } from "@/lib/usage-period";
import { worstLevel } from "@/lib/usage-levels";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/locales";
import { renderNotification } from "@/lib/notification-text";
import { clock } from "@/lib/clock";
import { rowsOf, type Db } from "@/server/db/client";
import { DomainError } from "@/server/errors";
import { readBalance } from "@/server/services/billing/balance";
import { loadTeamUsage } from "@/server/services/usage/team-usage";
import { metric } from "@/server/services/usage/usage-summary";
import { assertStaff, type TStaffActor } from "./staff-actions";

/** How many of the team's newest payments the panel shows. */
export const CONTEXT_PAYMENTS = 5;
/** How many unread alerts it lists (the count covers all of them). */
export const CONTEXT_ALERTS = 10;

interface TContextRow {
  ticket: { id: string; team_id: string; user_id: string; language: string; status: string };
  requester: { id: string; name: string; email: string } | null;
  team: { id: string; slug: string; name: string; suspension_grace_until: string | null; created_at: string };
  subscription: {
    plan: "free" | "pay_as_you_go";
    status: string;
    current_period_end: string | null;
    auto_renew: boolean;
    stripe_subscription_status: string | null;
  } | null;
  payments: {
    id: string;
    provider: string;
    payment_method: string;
    purpose: string;
    status: string;
    amount_minor: number;
    currency: string;
    failure_reason: string | null;
    late_completion: boolean;
    created_at: string;
    completed_at: string | null;
  }[];
  addons: { id: string; resource_type: string; quantity: number; status: string; expires_at: string | null; auto_renew: boolean }[];
  alerts: { id: string; kind: string; data: unknown; title: string; body: string; created_at: string }[];
  unread_alerts: number;
}

/**
 * The team's context beside a staff ticket (spec 19), in one call: plan and period end, balance,
 * the month's usage levels (the one loader and level module the limit check reads), suspended or
 * inactive projects and why, the last five payments, active add-ons and the alerts the requester
 * has not read. Staff only (anyone else: NOT_FOUND). Three round trips: the ticket's team and
 * everything keyed by it in one statement, then the usage loader and the balance side by side.
 */
export async function getTeamContext(
  db: Db,
  input: { ticketId: string; actor: TStaffActor; now?: Date; locale?: TLocale; /** SUPPORT_CREDIT_MAX */ creditMaxEur?: number },
) {
  assertStaff(input.actor);
  const now = input.now ?? clock.now();
  const at = now.toISOString();
  const [row] = rowsOf<{ ctx: string | null }>(
    await db.execute(sql`
      with t as (select id, team_id, user_id, language, status from support_ticket where id = ${input.ticketId})
      select (select json_build_object(
        'ticket', (select row_to_json(t) from t),
        'requester', (select json_build_object('id', u.id, 'name', u.name, 'email', u.email) from "user" u where u.id = t.user_id),
        'team', (select json_build_object('id', tm.id, 'slug', tm.slug, 'name', tm.name, 'suspension_grace_until', tm.suspension_grace_until,
                                          'created_at', tm.created_at) from team tm where tm.id = t.team_id),
        'subscription', (select json_build_object('plan', s.plan_id, 'status', s.status, 'current_period_end', s.current_period_end,
                                                  'auto_renew', s.auto_renew, 'stripe_subscription_status', s.stripe_subscription_status)
                         from team_subscription s where s.team_id = t.team_id),
        'payments', coalesce((select json_agg(p order by p.created_at desc, p.id desc) from (
            select id, provider, payment_method, purpose, status, amount_minor, currency, metadata->>'failure_reason' as failure_reason,
                   (metadata ? 'late_completion') as late_completion, created_at, completed_at
            from payment where team_id = t.team_id order by created_at desc, id desc limit ${CONTEXT_PAYMENTS}) p), '[]'),
        'addons', coalesce((select json_agg(a order by a.expires_at) from (
            select id, resource_type, quantity, status, expires_at, auto_renew from additional_resource
            where team_id = t.team_id and ((status = 'active' and expires_at > ${at}::timestamptz) or status = 'past_due')) a), '[]'),
        'alerts', coalesce((select json_agg(n order by n.created_at desc) from (
            select n.id, n.kind, n.data, n.title, n.body, n.created_at from notification n
            where n.team_id = t.team_id and (n.user_id is null or n.user_id = t.user_id)
              and not exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = t.user_id)
            order by n.created_at desc limit ${CONTEXT_ALERTS}) n), '[]'),
        'unread_alerts', (select count(*) from notification n
            where n.team_id = t.team_id and (n.user_id is null or n.user_id = t.user_id)
              and not exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = t.user_id))
      ) from t)::text as ctx`),
  );
  if (!row?.ctx) throw new DomainError("NOT_FOUND", "Ticket not found.");
  const c = JSON.parse(row.ctx) as TContextRow;
  const teamId = c.ticket.team_id;
  const month = monthOf(now);
  const [usages, balance] = await Promise.all([loadTeamUsage(db, [teamId], { month, now }), readBalance(db, teamId)]);
  const usage = usages.get(teamId);
  if (!usage) throw new DomainError("NOT_FOUND", "Team not found.");
  const traffic = metric(usage.trafficBytes, usage.limits.traffic_bytes_per_month);
  const storage = metric(usage.storageBytes, usage.limits.storage_bytes);
  const over = [...(traffic.level === "exceeded" ? ["traffic" as const] : []), ...(storage.level === "exceeded" ? ["storage" as const] : [])];
  const graceUntil = c.team.suspension_grace_until ? new Date(c.team.suspension_grace_until) : null;
  const locale = input.locale ?? DEFAULT_LOCALE;
  const date = (v: string | null) => (v === null ? null : new Date(v));
  return {
    ticket: { id: c.ticket.id, status: c.ticket.status, language: c.ticket.language },
    requester: c.requester,
    team: { id: c.team.id, slug: c.team.slug, name: c.team.name, created_at: new Date(c.team.created_at) },
    plan: {
      id: usage.limits.plan,
      status: c.subscription?.status ?? "active",
      current_period_end: date(c.subscription?.current_period_end ?? null),
      auto_renew: c.subscription?.auto_renew ?? false,
      stripe_subscription_status: c.subscription?.stripe_subscription_status ?? null,
    },
    balance: { currency: balance.currency, balance_minor: balance.balanceMinor, balance: fromMinor(balance.balanceMinor, balance.currency) },
    /** The most one grantCredit gives this team (SUPPORT_CREDIT_MAX in its currency), for the panel's form. */
    credit_cap_minor: creditCapMinor(input.creditMaxEur ?? SUPPORT_CREDIT_MAX_EUR_DEFAULT, balance.currency),
    usage: {
      month: monthKey(month),
      level: worstLevel([traffic.level, storage.level]),
      traffic: { bytes: traffic.bytes, limit_bytes: traffic.limit_bytes, percent: traffic.percent, level: traffic.level },
      storage: { bytes: storage.bytes, limit_bytes: storage.limit_bytes, percent: storage.percent, level: storage.level },
    },
    suspension_grace_until: graceUntil && graceUntil > now ? graceUntil : null,
    /** Projects not running and why: `usage_limit` (with the metrics over 100 % now) or `no_traffic` (Free, idle). */
    stopped_projects: usage.projects
      .filter((p) => p.status !== "active")
      .map((p) => ({
        id: p.id,
        slug: p.slug,
        name: p.name,
        status: p.status,
        reason: p.status === "suspended" ? ("usage_limit" as const) : ("no_traffic" as const),
        over_limits: p.status === "suspended" ? over : [],
        last_traffic_at: p.lastTrafficAt,
      })),
    projects_total: usage.projects.length,
    payments: c.payments.map((p) => ({
      id: p.id,
      provider: p.provider,
      payment_method: p.payment_method,
      purpose: p.purpose,
      status: p.status,
      amount_minor: p.amount_minor,
      amount: fromMinor(p.amount_minor, p.currency),
      currency: p.currency,
      failure_reason: p.failure_reason,
      late_completion: p.late_completion,
      created_at: new Date(p.created_at),
      completed_at: date(p.completed_at),
      age_seconds: Math.max(0, Math.round((now.getTime() - new Date(p.created_at).getTime()) / 1000)),
    })),
    addons: c.addons.map((a) => ({ ...a, expires_at: date(a.expires_at) })),
    alerts: {
      unread: Number(c.unread_alerts),
      latest: c.alerts.map((n) => ({
        id: n.id,
        kind: n.kind,
        created_at: new Date(n.created_at),
        ...renderNotification({ kind: n.kind, data: n.data, title: n.title, body: n.body }, locale),
      })),
    },
  };
}
export type TTeamContext = Awaited<ReturnType<typeof getTeamContext>>;
