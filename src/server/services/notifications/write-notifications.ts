import { sql, type SQL } from "drizzle-orm";
import { newId } from "@/lib/ids";
import type { TNotificationKind, TNotificationParams } from "@/lib/notifications";
import { notificationOf } from "@/lib/notification-text";
import { pgArray, rowsOf, type Db } from "@/server/db/client";

export interface TNewNotification {
  teamId: string;
  /** One user's notice; omitted, the whole team's. */
  userId?: string | null;
  kind: TNotificationKind;
  title: string;
  body: string;
  /** The kind's parameters (lib/notifications), from which each reader's text is written; `notificationOf` gives title, body and data together. */
  data?: Record<string, unknown> | null;
  /**
   * `same_data`: the part of `data` that says which thing and date the note is about (default: all
   * of it). A note is not written again while the team has one of its kind whose data contains it,
   * so parameters added to a kind later do not make a reminder already sent go out again.
   */
  onceKey?: Record<string, unknown> | null;
  /** Usage alerts: the metric, the threshold crossed and the month (`YYYY-MM`). */
  metric?: string | null;
  threshold?: number | null;
  period?: string | null;
}

/**
 * The one writer of notifications (ids minted here, in one statement however many). `once`:
 * - `always`: every note is written;
 * - `same_data`: a note the team already has with the same kind and data (its `onceKey`, when
 *   given) is not written again (a reminder about one add-on and one date is sent once, however
 *   often the job runs);
 * - `usage_alert`: once per team, kind, metric and month, by the database's unique key.
 * Answers what was written. In the caller's transaction when given one.
 */
export async function writeNotifications(
  db: Db,
  notes: TNewNotification[],
  opts: { now: Date; once?: "always" | "same_data" | "usage_alert" },
): Promise<{ id: string; kind: TNotificationKind; teamId: string }[]> {
  const once = opts.once ?? "always";
  const seen = new Set<string>();
  const rows = notes
    .map((n) => ({ ...n, id: newId("ntf"), dataText: JSON.stringify(n.data ?? null), keyText: JSON.stringify(n.onceKey ?? n.data ?? null) }))
    .filter((n) => {
      if (once !== "same_data") return true;
      const key = `${n.teamId}|${n.kind}|${n.keyText}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  if (rows.length === 0) return [];
  const written = rowsOf<{ id: string; kind: TNotificationKind; team_id: string }>(await db.execute(insertNotificationsSql(rows, once, opts.now)));
  return written.map((w) => ({ id: w.id, kind: w.kind, teamId: w.team_id }));
}

/**
 * `writeNotifications(…, { once: "always" })`'s one statement, to fold into another as a
 * data-modifying CTE (a payment's completion writes its notice with its receipt); null for no notes.
 */
export function notificationsInsertSql(notes: TNewNotification[], opts: { now: Date }): SQL | null {
  if (notes.length === 0) return null;
  const rows = notes.map((n) => ({ ...n, id: newId("ntf"), dataText: JSON.stringify(n.data ?? null), keyText: JSON.stringify(n.onceKey ?? n.data ?? null) }));
  return insertNotificationsSql(rows, "always", opts.now);
}

function insertNotificationsSql(
  rows: (TNewNotification & { id: string; dataText: string; keyText: string })[],
  once: "always" | "same_data" | "usage_alert",
  now: Date,
): SQL {
  const col = (f: (n: (typeof rows)[number]) => string | number | null | undefined) => pgArray(rows.map((n) => String(f(n) ?? "")));
  return sql`
      insert into notification (id, team_id, user_id, kind, metric, threshold, period, title, body, data, created_at)
      select v.id, v.team_id, nullif(v.user_id, ''), v.kind, nullif(v.metric, ''), nullif(v.threshold, '')::int, nullif(v.period, ''),
             v.title, v.body, nullif(v.data, 'null')::jsonb, ${now.toISOString()}::timestamptz
      from unnest(${col((n) => n.id)}::text[], ${col((n) => n.teamId)}::text[], ${col((n) => n.userId)}::text[], ${col((n) => n.kind)}::text[],
                  ${col((n) => n.metric)}::text[], ${col((n) => n.threshold)}::text[], ${col((n) => n.period)}::text[],
                  ${col((n) => n.title)}::text[], ${col((n) => n.body)}::text[], ${col((n) => n.dataText)}::text[], ${col((n) => n.keyText)}::text[])
           as v(id, team_id, user_id, kind, metric, threshold, period, title, body, data, once_key)
      ${
        once === "same_data"
          ? sql`where not exists (select 1 from notification x where x.team_id = v.team_id and x.kind = v.kind
                                  and (case when v.once_key = 'null' then x.data is null else x.data @> v.once_key::jsonb end))`
          : sql``
      }
      ${once === "usage_alert" ? sql`on conflict (team_id, kind, metric, period) where kind like 'usage.%' do nothing` : sql``}
      returning id, kind, team_id`;
}

/** A candidate row of a job's SQL (jsonb may come back as text): `data` says which thing and date, `params` what the text needs. */
export interface TKeyedCandidate {
  kind: TNotificationKind;
  team_id: string;
  data: Record<string, unknown> | string;
  params: Record<string, unknown> | string;
}

/**
 * The note of a candidate for `once: "same_data"`: its data is the key and the parameters together,
 * its once-key the key alone (what older rows of the kind hold), its text from the kind's catalogue.
 */
export function keyedNote(c: TKeyedCandidate): TNewNotification {
  const json = (v: Record<string, unknown> | string): Record<string, unknown> => (typeof v === "string" ? JSON.parse(v) : v);
  const key = json(c.data);
  return { teamId: c.team_id, onceKey: key, ...notificationOf(c.kind, { ...key, ...json(c.params) } as TNotificationParams<typeof c.kind>) };
}
