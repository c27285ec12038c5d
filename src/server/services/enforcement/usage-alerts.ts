import { PROJECT_MOVES } from "@/lib/projects";
import { sql, type SQL } from "drizzle-orm";
import type Docker from "dockerode";
import { LEVEL_THRESHOLDS, usageLevel } from "@/lib/usage-levels";
import { monthKey, monthOf, monthResetsAt } from "@/lib/usage-period";
import { pgArray, rowsOf, type Db, sqlWord, sqlWords } from "@/server/db/client";
import { startProjectContainers, stopProjectContainers } from "@/server/integrations/containers";
import type { TMailer } from "@/server/integrations/mailer";
import { loadTeamUsage } from "@/server/services/usage/team-usage";
import { loadTeamRecentDays, teamForecast } from "@/server/services/usage/team-forecast";
import { enqueueEventsSql } from "@/server/services/webhooks/delivery";
import { isForecastNoticeDue } from "@/lib/forecast";
import { emailNotifications } from "@/server/services/notifications/notifications";
import { writeNotifications, type TNewNotification } from "@/server/services/notifications/write-notifications";
import { clock } from "@/lib/clock";
import { notificationOf } from "@/lib/notification-text";

export const LIMIT_BATCH_SIZE = 1000;

/**
 * Section 5 for a batch of teams, set-based: one query reads every team's usage of the month and
 * its active add-ons; the levels come from the shared level module; new alerts are inserted in
 * one statement whose unique key (team, kind, metric, month) makes each one happen once; projects
 * of teams at 100 % or more are suspended and their containers stopped, and those of teams back
 * under their limits are reactivated and started; a team in a support grace (spec 19,
 * `team.suspension_grace_until`) is not suspended before it ends. A metric under 80 % whose forecast reaches the
 * limit this month, 3 days ahead or more, gets `usage.forecast` (spec 18.2), once per team, metric
 * and month by the same key, its webhook written in the notice's transaction. Running it twice
 * changes nothing.
 */
export async function evaluateUsageLimits(db: Db, input: { teamIds: string[]; now?: Date; docker?: (() => Docker) | null; mailer?: TMailer | null }) {
  const now = input.now ?? clock.now();
  const month = monthOf(now);
  const period = monthKey(month);
  if (input.teamIds.length === 0) return { teams: 0, alerts: 0, suspended: 0, reactivated: 0, emailed: 0, docker_error: null as string | null };
  // The one loader of a team's usage in a month (the summary reads the same figures).
  const [usages, recentDays] = await Promise.all([loadTeamUsage(db, input.teamIds, { month, now }), loadTeamRecentDays(db, input.teamIds, now)]);
  const teams = [...usages.values()];

  const alerts: TNewNotification[] = [];
  const forecasts: TNewNotification[] = [];
  const exceeded: string[] = [];
  const underLimits: string[] = [];
  const resetsAt = monthResetsAt(month);
  for (const t of teams) {
    const limits = t.limits;
    let isExceeded = false;
    const forecast = teamForecast(t, recentDays.get(t.teamId), now);
    for (const [metric, used, limit] of [
      ["traffic", t.trafficBytes, limits.traffic_bytes_per_month],
      ["storage", t.storageBytes, limits.storage_bytes],
    ] as const) {
      const { percent, level } = usageLevel(used, limit);
      if (level === "exceeded") isExceeded = true;
      const f = forecast[metric];
      if (isForecastNoticeDue(f, percent, now)) {
        const params = {
          team_slug: t.slug,
          metric,
          used_bytes: used.toString(),
          limit_bytes: limit.toString(),
          percent: percent!,
          month_end_bytes: f!.month_end_bytes.toString(),
          limit_reached_on: f!.limit_reached_on!,
          plan: limits.plan,
        };
        forecasts.push({ teamId: t.teamId, metric, period, ...notificationOf("usage.forecast", params) });
      }
      if (level === "ok" || percent === null) continue;
      // What happened, the figures and what to do, in each reader's language (lib/notification-text).
      const params = {
        team_slug: t.slug,
        metric,
        used_bytes: used.toString(),
        limit_bytes: limit.toString(),
        // A zero limit (no plan has one) would be "Infinity %": it reads as full.
        percent: Number.isFinite(percent) ? percent : 100,
        plan: limits.plan,
        ...(metric === "traffic" ? { resets_at: resetsAt.toISOString() } : {}),
      };
      alerts.push({ teamId: t.teamId, metric, threshold: LEVEL_THRESHOLDS[level], period, ...notificationOf(`usage.${level}`, params) });
    }
    (isExceeded ? exceeded : underLimits).push(t.teamId);
  }

  // Each alert once per team, metric, threshold and month (the database's unique key); the alerts,
  // the suspensions and the reactivations commit with their webhook events (spec 18.1), or none do.
  const { newAlertIds, suspended, reactivated } = await db.transaction(async (tx) => {
    const newAlertIds = await writeUsageNotices(tx, [...alerts, ...forecasts], now);
    const suspended = exceeded.length
      ? await moveProjectsWithEvent(
          tx,
          sql`update project set status = ${sqlWord(PROJECT_MOVES.suspend.to)}, status_changed_at = ${now.toISOString()}::timestamptz
              where team_id = any(${pgArray(exceeded)}::text[]) and status in ${sqlWords(PROJECT_MOVES.suspend.from)}
                and not exists (select 1 from team t where t.id = project.team_id and t.suspension_grace_until > ${now.toISOString()}::timestamptz)
              returning ${MOVED_PROJECT_COLUMNS}`,
          "project.suspended",
          now,
        )
      : [];
    const reactivated = underLimits.length
      ? await moveProjectsWithEvent(
          tx,
          sql`update project set status = ${sqlWord(PROJECT_MOVES.reactivate.to)}, status_changed_at = ${now.toISOString()}::timestamptz
              where team_id = any(${pgArray(underLimits)}::text[]) and status in ${sqlWords(PROJECT_MOVES.reactivate.from)}
              returning ${MOVED_PROJECT_COLUMNS}`,
          "project.reactivated",
          now,
        )
      : [];
    return { newAlertIds, suspended, reactivated };
  });

  let dockerError: string | null = null;
  if (input.docker && (suspended.length || reactivated.length)) {
    const docker = input.docker();
    const stopped = await stopProjectContainers(docker, suspended);
    const started = await startProjectContainers(docker, reactivated);
    dockerError = stopped.error ?? started.error ?? null;
  }
  const emailed = await emailNotifications(db, input.mailer, newAlertIds);
  return { teams: teams.length, alerts: newAlertIds.length, suspended: suspended.length, reactivated: reactivated.length, emailed, docker_error: dockerError };
}

/** The columns a project-moving `update` returns for `moveProjectsWithEvent` (an `update project p … from …` names them `p.`). */
const MOVED_PROJECT_COLUMNS = sql.raw("id, team_id, name, status, status_changed_at");
export const MOVED_PROJECT_COLUMNS_OF_P = sql.raw("p.id, p.team_id, p.name, p.status, p.status_changed_at");

/** A moved project in its webhook event's `data` (spec 18.1): id, team, name, new status and when it changed (ISO, UTC). */
const projectEventJson = sql.raw(`jsonb_build_object('id', id, 'team_id', team_id, 'name', name, 'status', status,
  'status_changed_at', to_char(status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);

/**
 * Runs `update` (a project-moving statement returning `MOVED_PROJECT_COLUMNS`) and, in the same
 * statement, each moved project's `type` webhook event (spec 18.1): the move and its events commit
 * together. Answers the moved projects' ids.
 */
export async function moveProjectsWithEvent(
  tx: Db,
  update: SQL,
  type: "project.suspended" | "project.reactivated" | "project.inactive",
  now: Date,
): Promise<string[]> {
  const moved = rowsOf<{ id: string }>(
    await tx.execute(sql`
      with moved as (${update}), events as (
        ${enqueueEventsSql(type, sql`select team_id, ${projectEventJson} as data from moved`, now)}
      )
      select id from moved`),
  );
  return moved.map((p) => p.id);
}

type TUsageEventType = "usage.warning" | "usage.critical" | "usage.exceeded" | "usage.forecast";

/** A usage notice's webhook event `data` (spec 18.1), from the notice's row (its `data` holds the text's params). */
function usageEventJson(type: TUsageEventType, period: string): SQL {
  const forecast =
    type === "usage.forecast"
      ? sql` || jsonb_build_object('month_end_bytes', (data->>'month_end_bytes')::numeric, 'limit_reached_on', data->'limit_reached_on')`
      : sql``;
  return sql`jsonb_build_object('team_id', team_id, 'team_slug', data->'team_slug', 'metric', data->'metric', 'period', ${period}::text,
    'used_bytes', (data->>'used_bytes')::numeric, 'limit_bytes', (data->>'limit_bytes')::numeric, 'percent', data->'percent')${forecast}`;
}

/**
 * The usage alerts and forecast notices not written yet this month (the usage alerts' unique key)
 * and, in the same transaction, their webhook events (`usage.warning`, `usage.critical`,
 * `usage.exceeded`, `usage.forecast`), all in one more statement: a notice and its event happen
 * together or not at all. Answers the ids written.
 */
async function writeUsageNotices(tx: Db, notes: TNewNotification[], now: Date): Promise<string[]> {
  if (notes.length === 0) return [];
  const written = await writeNotifications(tx, notes, { now, once: "usage_alert" });
  if (written.length === 0) return [];
  const ids = written.map((w) => w.id);
  const period = monthKey(monthOf(now));
  const types = [...new Set(written.map((w) => w.kind as TUsageEventType))];
  const events = types.map(
    (type, i) =>
      sql`${sql.raw(`events_${i}`)} as (${enqueueEventsSql(
        type,
        sql`select team_id, ${usageEventJson(type, period)} as data from notification where id = any(${pgArray(ids)}::text[]) and kind = ${type}`,
        now,
      )})`,
  );
  await tx.execute(sql`with ${sql.join(events, sql`, `)} select 1`);
  return ids;
}

/** Every team's id, in batches (keyset pagination), for the nightly run and its fan-out. */
export async function listTeamIdBatches(db: Db, size = LIMIT_BATCH_SIZE): Promise<string[][]> {
  const ids = rowsOf<{ id: string }>(await db.execute(sql`select id from team order by id`)).map((r) => r.id);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  return batches;
}

/** Of these teams, the ones with suspended projects: after a payment, only they can change. */
export async function teamsWithSuspendedProjects(db: Db, teamIds: string[]): Promise<string[]> {
  if (teamIds.length === 0) return [];
  return rowsOf<{ team_id: string }>(
    await db.execute(sql`select distinct team_id from project where team_id = any(${pgArray(teamIds)}::text[]) and status = 'suspended'`),
  ).map((r) => r.team_id);
}
