import { sql } from "drizzle-orm";
import { LIVE_EVENT_REPLAY_MS, type TLiveEventAudience, type TLiveEventType } from "@/lib/live-events";
import { isStaff, type TGlobalRole } from "@/lib/roles";
import { pgArray, rowsOf, type Db } from "@/server/db/client";

/*
 * The live updates' log (spec 20). Rows are written by the tables' triggers (migration 0014), in
 * the transaction of the change, each with a `pg_notify('servelink_events', id)`; this module reads
 * them back, decides per event and reader who may see it, and prunes what is older than the
 * replay window.
 */

export interface TLiveEvent {
  id: number;
  teamId: string | null;
  audience: TLiveEventAudience;
  userId: string | null;
  type: TLiveEventType;
  data: Record<string, unknown>;
}

/** What a reader may see at the moment an event is sent: their global role and which of the events' teams they belong to. */
export interface TLiveAccess {
  isStaff: boolean;
  teamIds: Set<string>;
}

interface TEventRow {
  id: number | string;
  team_id: string | null;
  audience: TLiveEventAudience;
  user_id: string | null;
  type: TLiveEventType;
  data: Record<string, unknown> | string;
}

function toEvent(r: TEventRow): TLiveEvent {
  return {
    id: Number(r.id),
    teamId: r.team_id,
    audience: r.audience,
    userId: r.user_id,
    type: r.type,
    data: typeof r.data === "string" ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
  };
}

/** The events of these ids that exist (committed), in id order. */
export async function loadLiveEvents(db: Db, ids: readonly number[]): Promise<TLiveEvent[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<TEventRow>(
    await db.execute(sql`select id, team_id, audience, user_id, type, data from live_event where id = any(${pgArray(ids)}::bigint[]) order by id`),
  );
  return rows.map(toEvent);
}

/**
 * The events after `afterId` still in the replay window (10 minutes, by the database's clock, the
 * one that stamped them), in id order: what a reconnect with `Last-Event-ID` missed. Read `page` at a
 * time until none is left, so a busy window (more than one page) loses nothing.
 */
export async function loadLiveEventsAfter(db: Db, afterId: number, page = 1000): Promise<TLiveEvent[]> {
  const out: TLiveEvent[] = [];
  for (let after = afterId; ;) {
    const rows = rowsOf<TEventRow>(
      await db.execute(sql`select id, team_id, audience, user_id, type, data from live_event
        where id > ${after} and created_at > now() - make_interval(secs => ${LIVE_EVENT_REPLAY_MS / 1000}) order by id limit ${page}`),
    );
    out.push(...rows.map(toEvent));
    if (rows.length < page) return out;
    after = out.at(-1)!.id;
  }
}

/** The newest event's id (0 when none): where a listener that (re)connects starts counting. */
export async function latestLiveEventId(db: Db): Promise<number> {
  const [row] = rowsOf<{ id: number | string | null }>(await db.execute(sql`select max(id) as id from live_event`));
  return Number(row?.id ?? 0);
}

/**
 * Each reader's access, read from the database when the events are sent (not when the stream was
 * opened): a member removed from a team, or a staff member demoted, stops receiving at once. Only
 * the teams of `teamIds` are looked up. A reader who no longer exists is absent from the answer.
 */
export async function loadLiveAccess(db: Db, userIds: readonly string[], teamIds: readonly string[]): Promise<Map<string, TLiveAccess>> {
  const out = new Map<string, TLiveAccess>();
  if (userIds.length === 0) return out;
  const rows = rowsOf<{ id: string; role: TGlobalRole; team_id: string | null }>(
    await db.execute(sql`select u.id, u.role, m.team_id from "user" u
      left join team_member m on m.user_id = u.id and m.team_id = any(${pgArray(teamIds)}::text[])
      where u.id = any(${pgArray(userIds)}::text[])`),
  );
  for (const r of rows) {
    const access = out.get(r.id) ?? { isStaff: isStaff(r.role), teamIds: new Set<string>() };
    if (r.team_id) access.teamIds.add(r.team_id);
    out.set(r.id, access);
  }
  return out;
}

/**
 * Whether `userId` may receive `event`: a team's events reach its members and staff; `staff`
 * events (internal notes) staff only; a `user` event its one user, while they still belong to its
 * team. No access (the user is gone): nothing.
 */
export function canReceiveLiveEvent(event: TLiveEvent, userId: string, access: TLiveAccess | undefined): boolean {
  if (!access) return false;
  switch (event.audience) {
    case "staff":
      return access.isStaff;
    case "user":
      return event.userId === userId && (!event.teamId || access.teamIds.has(event.teamId));
    case "team":
      return access.isStaff || (!!event.teamId && access.teamIds.has(event.teamId));
  }
}

/** One event as Server-Sent Events text: its id (the resume point), its type as the event name, and its data with the team's id. */
export function formatLiveEvent(event: TLiveEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ ...event.data, team_id: event.teamId })}\n\n`;
}

/** Deletes the events older than the replay window; answers how many. Any process may run it, at any time. */
export async function pruneLiveEvents(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`with d as (delete from live_event where created_at < now() - make_interval(secs => ${LIVE_EVENT_REPLAY_MS / 1000}) returning 1)
      select count(*)::int as n from d`),
  );
  return row?.n ?? 0;
}
