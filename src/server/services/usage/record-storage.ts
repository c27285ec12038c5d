import { sql } from "drizzle-orm";
import { dayOf, monthOf } from "@/lib/usage-period";
import { pgArray, rowsOf, type Db } from "@/server/db/client";
import { clock } from "@/lib/clock";

/**
 * Writes each project's measured storage into today's daily row and the month's row (spec 3.2),
 * for every project: one without labelled objects gets 0. One transaction, two set-based upserts,
 * so a run either writes every figure or none. Running it twice writes the same figures.
 */
export async function recordProjectStorage(
  db: Db,
  sizes: Map<string, bigint>,
  now = clock.now(),
): Promise<{ projects: number; totalBytes: bigint; changedTeamIds: string[] }> {
  const day = dayOf(now);
  const { year, month } = monthOf(now);
  const ids = [...sizes.keys()];
  const bytes = ids.map((id) => sizes.get(id)!);
  return db.transaction(async (tx) => {
    const measured = sql`(select p.id as project_id, coalesce(v.bytes, 0)::bigint as bytes
                          from project p
                          left join unnest(${pgArray(ids)}::text[], ${pgArray(bytes)}::bigint[]) as v(project_id, bytes) on v.project_id = p.id)`;
    await tx.execute(sql`
      insert into project_usage_daily (project_id, day, storage_bytes)
      select m.project_id, ${day}::date, m.bytes from ${measured} m
      order by m.project_id
      on conflict (project_id, day) do update set storage_bytes = excluded.storage_bytes`);
    // `before` reads the month's figures as they were (every part of one statement sees the same
    // snapshot): the teams whose storage moved are the ones to evaluate against their limits.
    const written = rowsOf<{ projects: number | string; total: string | null; changed_team_ids: string[] | null }>(
      await tx.execute(sql`
        with before as (
          select project_id, storage_bytes from project_usage where year = ${year} and month = ${month}
        ), up as (
          insert into project_usage (id, project_id, year, month, storage_bytes)
          select 'use_' || replace(gen_random_uuid()::text, '-', ''), m.project_id, ${year}, ${month}, m.bytes from ${measured} m
          order by m.project_id
          on conflict (project_id, year, month) do update set storage_bytes = excluded.storage_bytes, updated_at = ${now.toISOString()}::timestamptz
          returning project_id, storage_bytes
        )
        select count(*)::int as projects, sum(up.storage_bytes)::text as total,
               array_agg(distinct p.team_id) filter (where up.storage_bytes <> coalesce(before.storage_bytes, 0)) as changed_team_ids
        from up
        join project p on p.id = up.project_id
        left join before on before.project_id = up.project_id`),
    );
    const row = written[0];
    return { projects: Number(row?.projects ?? 0), totalBytes: BigInt(row?.total ?? 0), changedTeamIds: row?.changed_team_ids ?? [] };
  });
}
