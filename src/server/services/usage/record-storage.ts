import { sql } from "drizzle-orm";
import { dayOf, monthOf } from "../../../lib/usage-period";
import { pgArray, rowsOf, type Db } from "../../db/client";

/**
 * Writes each project's measured storage into today's daily row and the month's row (spec 3.2),
 * for every project: one without labelled objects gets 0. One transaction, two set-based upserts,
 * so a run either writes every figure or none. Running it twice writes the same figures.
 */
export async function recordProjectStorage(db: Db, sizes: Map<string, bigint>, now = new Date()): Promise<{ projects: number; totalBytes: bigint }> {
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
    const written = rowsOf<{ projects: number | string; total: string | null }>(
      await tx.execute(sql`
        with up as (
          insert into project_usage (id, project_id, year, month, storage_bytes)
          select 'use_' || replace(gen_random_uuid()::text, '-', ''), m.project_id, ${year}, ${month}, m.bytes from ${measured} m
          order by m.project_id
          on conflict (project_id, year, month) do update set storage_bytes = excluded.storage_bytes, updated_at = now()
          returning storage_bytes
        )
        select count(*)::int as projects, sum(storage_bytes)::text as total from up`),
    );
    return { projects: Number(written[0]?.projects ?? 0), totalBytes: BigInt(written[0]?.total ?? 0) };
  });
}
