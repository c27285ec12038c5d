import { PROJECT_MOVES } from "@/lib/projects";
import { inArray, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { ISO_DATETIME_MESSAGE, isRealDateTime, type TTrafficBatch, type TTrafficResult } from "@/lib/schemas/usage";
import { pgArray, rowsOf, type Db, sqlWord, sqlWords } from "@/server/db/client";
import { project } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { clock } from "@/lib/clock";

export const TRAFFIC_WINDOW = { pastMs: 35 * 86_400_000, futureMs: 5 * 60_000 };

interface TAggregate {
  projectId: string;
  key: string; // day (YYYY-MM-DD) or month (YYYY-MM)
  bytes: bigint;
  requests: bigint;
}

const DEADLOCK_OR_SERIALIZATION = new Set(["40P01", "40001"]);
const NUMERIC_OUT_OF_RANGE = "22003";
/** The largest count a bigint column holds. */
export const MAX_COUNTER = 9_223_372_036_854_775_807n;
const counterOverflow = (what: string) =>
  new DomainError("BAD_REQUEST", `events: ${what} would pass the largest count a counter holds (${MAX_COUNTER} bytes); nothing was counted.`, {
    reason: "counter_overflow",
  });

function pgCode(err: unknown): string | undefined {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/**
 * Counts a batch of traffic events (spec 3.1). Events for unknown projects or outside the window
 * (35 days back, 5 minutes ahead) are rejected one by one; the rest are summed in memory per
 * (project, day) and (project, month) and written with one multi-row upsert per table, in one
 * transaction with the idempotency key, so a retried batch counts once and a failed write leaves
 * the key unused. Rows are written in a fixed order so concurrent batches cannot deadlock on each
 * other's rows; additions are done by the database (`x = x + excluded.x`), so none is lost.
 */
export async function recordTraffic(
  db: Db,
  batch: TTrafficBatch,
  opts: {
    idempotencyKey?: string | null;
    now?: Date;
    /** sha256 of the request as sent (the route's body text); by default, of the events. */ requestHash?: string | null;
  } = {},
): Promise<TTrafficResult & { replayed: boolean; teamIds: string[]; wokenProjectIds: string[] }> {
  const now = opts.now ?? clock.now();
  const nowMs = now.getTime();
  const ids = [...new Set(batch.events.map((e) => e.project_id))];
  const knownRows = await db.select({ id: project.id, teamId: project.teamId }).from(project).where(inArray(project.id, ids));
  const known = new Set(knownRows.map((r) => r.id));

  // Read every time first: a date that does not exist makes the whole batch a 400, nothing counted.
  const times = new Float64Array(batch.events.length);
  batch.events.forEach((event, index) => {
    if (event.at !== undefined && !isRealDateTime(event.at)) {
      throw new DomainError("BAD_REQUEST", `events.${index}.at: ${event.at} is not a date that exists`, { reason: "invalid_request" });
    }
    const at = event.at === undefined ? nowMs : Date.parse(event.at);
    if (Number.isNaN(at)) throw new DomainError("BAD_REQUEST", `events.${index}.at: ${ISO_DATETIME_MESSAGE}`, { reason: "invalid_request" });
    times[index] = at;
  });

  // Sums per project and UTC day number; bytes add up as numbers while exact, then as bigints.
  const perProject = new Map<string, Map<number, { num: number; big: bigint; requests: number }>>();
  const lastSeen = new Map<string, number>();
  const rejected: TTrafficResult["rejected"] = [];
  let accepted = 0;
  const minMs = nowMs - TRAFFIC_WINDOW.pastMs;
  const maxMs = nowMs + TRAFFIC_WINDOW.futureMs;
  for (let index = 0; index < batch.events.length; index++) {
    const event = batch.events[index]!;
    if (!known.has(event.project_id)) {
      rejected.push({ index, reason: "unknown_project" });
      continue;
    }
    const at = times[index]!;
    if (at < minMs) {
      rejected.push({ index, reason: "too_old" });
      continue;
    }
    if (at > maxMs) {
      rejected.push({ index, reason: "in_future" });
      continue;
    }
    accepted++;
    let days = perProject.get(event.project_id);
    if (!days) perProject.set(event.project_id, (days = new Map()));
    const dayNumber = Math.floor(at / 86_400_000);
    let agg = days.get(dayNumber);
    if (!agg) days.set(dayNumber, (agg = { num: 0, big: 0n, requests: 0 }));
    if (agg.num + event.bytes > Number.MAX_SAFE_INTEGER) {
      agg.big += BigInt(agg.num);
      agg.num = 0;
    }
    agg.num += event.bytes;
    agg.requests++;
    if ((lastSeen.get(event.project_id) ?? 0) < at) lastSeen.set(event.project_id, at);
  }

  const result: TTrafficResult = { accepted, rejected };
  const dayKeys = new Map<number, string>();
  const dayKey = (n: number) => {
    let key = dayKeys.get(n);
    if (!key) dayKeys.set(n, (key = new Date(n * 86_400_000).toISOString().slice(0, 10)));
    return key;
  };
  // Fixed order (project, then day): concurrent batches lock shared rows in the same order.
  const days: TAggregate[] = [];
  const months: TAggregate[] = [];
  for (const projectId of [...perProject.keys()].sort()) {
    const byDay = perProject.get(projectId)!;
    let month: TAggregate | undefined;
    for (const n of [...byDay.keys()].sort((a, b) => a - b)) {
      const agg = byDay.get(n)!;
      const key = dayKey(n);
      const bytes = agg.big + BigInt(agg.num);
      days.push({ projectId, key, bytes, requests: BigInt(agg.requests) });
      if (month?.key !== key.slice(0, 7)) months.push((month = { projectId, key: key.slice(0, 7), bytes: 0n, requests: 0n }));
      month.bytes += bytes;
      month.requests += BigInt(agg.requests);
    }
  }
  const seen = [...lastSeen.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const m of months) if (m.bytes > MAX_COUNTER) throw counterOverflow(`the traffic of project ${m.projectId} in ${m.key}`);
  // The key is bound to its batch (spec 13): the same key with another batch is refused, not replayed.
  const requestHash = opts.idempotencyKey ? (opts.requestHash ?? createHash("sha256").update(JSON.stringify(batch.events)).digest("hex")) : null;

  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        if (opts.idempotencyKey) {
          const claimed = rowsOf<{ key: string }>(
            await tx.execute(sql`
              insert into ingest_batch (idempotency_key, request_hash, response, created_at)
              values (${opts.idempotencyKey}, ${requestHash}, ${JSON.stringify(result)}::jsonb, ${now.toISOString()}::timestamptz)
              on conflict (idempotency_key) do nothing
              returning idempotency_key as key`),
          );
          if (claimed.length === 0) {
            const [previous] = rowsOf<{ response: TTrafficResult | string; request_hash: string | null }>(
              await tx.execute(sql`select response, request_hash from ingest_batch where idempotency_key = ${opts.idempotencyKey}`),
            );
            if (previous!.request_hash !== null && previous!.request_hash !== requestHash) {
              throw new DomainError(
                "UNPROCESSABLE",
                "Idempotency-Key: this key was used for another batch; send a new key with each new batch (the same key only retries the same batch).",
                {
                  reason: "idempotency_key_reused",
                },
              );
            }
            const response = typeof previous!.response === "string" ? (JSON.parse(previous!.response) as TTrafficResult) : previous!.response;
            return { ...response, replayed: true, teamIds: [], wokenProjectIds: [] };
          }
        }
        let woken: string[] = [];
        if (days.length > 0) {
          // One statement, three writes: fewer round trips while the rows are locked.
          const [written] = rowsOf<{ woken: string[] | string | null }>(
            await tx.execute(sql`
            -- A day or month that traffic opens starts with the project's last measured storage (the
            -- storage run measures at 04:00): not 0, which would read as "all data deleted".
            with daily as (
              insert into project_usage_daily (project_id, day, traffic_bytes, requests, storage_bytes)
              select v.project_id, v.day, v.bytes, v.requests,
                     coalesce((select d.storage_bytes from project_usage_daily d
                               where d.project_id = v.project_id and d.day < v.day order by d.day desc limit 1), 0)
              from unnest(${pgArray(days.map((d) => d.projectId))}::text[], ${pgArray(days.map((d) => d.key))}::date[],
                          ${pgArray(days.map((d) => d.bytes))}::bigint[], ${pgArray(days.map((d) => d.requests))}::bigint[]) as v(project_id, day, bytes, requests)
              on conflict (project_id, day) do update
                set traffic_bytes = project_usage_daily.traffic_bytes + excluded.traffic_bytes,
                    requests = project_usage_daily.requests + excluded.requests
              returning 1
            ), monthly as (
              insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes)
              select 'use_' || replace(gen_random_uuid()::text, '-', ''), v.project_id, p.y, p.m, v.bytes,
                     coalesce((select u.storage_bytes from project_usage u
                               where u.project_id = v.project_id and (u.year, u.month) < (p.y, p.m) order by u.year desc, u.month desc limit 1), 0)
              from unnest(${pgArray(months.map((m) => m.projectId))}::text[], ${pgArray(months.map((m) => m.key))}::text[],
                          ${pgArray(months.map((m) => m.bytes))}::bigint[]) as v(project_id, ym, bytes)
              cross join lateral (select split_part(v.ym, '-', 1)::int as y, split_part(v.ym, '-', 2)::int as m) p
              on conflict (project_id, year, month) do update
                set traffic_bytes = project_usage.traffic_bytes + excluded.traffic_bytes, updated_at = ${now.toISOString()}::timestamptz
              returning 1
            ), sleeping as (
              select id from project where id = any(${pgArray(seen.map(([id]) => id))}::text[]) and status in ${sqlWords(PROJECT_MOVES.wake.from)}
            ), seen as (
              -- last_traffic_at only moves forward; traffic wakes an inactive project (spec 6).
              update project p
              set last_traffic_at = greatest(coalesce(p.last_traffic_at, v.at), v.at),
                  status = case when p.status in ${sqlWords(PROJECT_MOVES.wake.from)} then ${sqlWord(PROJECT_MOVES.wake.to)} else p.status end,
                  status_changed_at = case when p.status in ${sqlWords(PROJECT_MOVES.wake.from)} then ${now.toISOString()}::timestamptz else p.status_changed_at end
              from unnest(${pgArray(seen.map(([id]) => id))}::text[], ${pgArray(seen.map(([, at]) => new Date(at).toISOString()))}::timestamptz[]) as v(id, at)
              where p.id = v.id and (p.last_traffic_at is null or p.last_traffic_at < v.at or p.status in ${sqlWords(PROJECT_MOVES.wake.from)})
              returning 1
            )
            select (select count(*) from daily) as daily, (select count(*) from monthly) as monthly, (select count(*) from seen) as seen,
                   (select array_agg(id) from sleeping) as woken`),
          );
          const w = written?.woken;
          woken = Array.isArray(w)
            ? w
            : typeof w === "string"
              ? w
                  .replace(/^\{|\}$/g, "")
                  .split(",")
                  .filter(Boolean)
              : [];
        }
        const teamIds = [...new Set(knownRows.filter((r) => perProject.has(r.id)).map((r) => r.teamId))];
        return { ...result, replayed: false, teamIds, wokenProjectIds: woken };
      });
    } catch (err) {
      // Concurrent batches may still meet in Postgres' deadlock detector (e.g. on project rows): retry.
      if (attempt < 5 && DEADLOCK_OR_SERIALIZATION.has(pgCode(err) ?? "")) continue;
      // A counter already near the top that this batch would push past it: nothing was written.
      if (pgCode(err) === NUMERIC_OUT_OF_RANGE) throw counterOverflow("a project's counter");
      throw err;
    }
  }
}
