// npm run bench -- summary: p50/p95 of usage.summary and usage.daily over HTTP with 1,000 teams × 20 projects × 365 days.
import { sql } from "drizzle-orm";
import { createServelinkClient } from "../src/client";
import { rowsOf } from "../src/server/db/client";
import { user } from "../src/server/db/schema";
import { createApiToken } from "../src/server/services/tokens/api-tokens";
import { benchDatabase, percentile, startServer } from "./server";

const TEAMS = 1000;
const PROJECTS_PER_TEAM = 20;
const DAYS = 365;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

export async function benchSummary() {
  const { handle, url } = await benchDatabase("servelink_bench_summary", false);
  const db = handle.db;
  const [{ n, last } = { n: 0, last: null }] = rowsOf<{ n: number; last: string | null }>(
    await db.execute(sql`select count(*)::int as n, max(day)::text as last from project_usage_daily`),
  );
  const expectedRows = TEAMS * PROJECTS_PER_TEAM * DAYS;
  const today = new Date().toISOString().slice(0, 10);
  // The kept data set ends today: a day later it is filled again, so a run always reads the last
  // 30 days and this month, as a user does.
  if (n !== expectedRows || last !== today) {
    console.log(`filling ${expectedRows.toLocaleString("en")} daily rows up to ${today} (kept for later runs today)…`);
    const started = performance.now();
    await db.execute(sql`truncate team cascade`);
    await db.execute(sql`insert into team (id, slug, name) select 'team_b' || i, 'bench-' || i, 'Bench ' || i from generate_series(1, ${TEAMS}) i`);
    await db.execute(
      sql`insert into team_subscription (id, team_id, plan_id) select 'sub_' || id, id, case when random() < 0.5 then 'free' else 'pay_as_you_go' end from team`,
    );
    await db.execute(
      sql`insert into project (id, team_id, name, slug) select 'prj_b' || t || '_' || p, 'team_b' || t, 'p' || p, 'p' || p from generate_series(1, ${TEAMS}) t, generate_series(1, ${PROJECTS_PER_TEAM}) p`,
    );
    await db.execute(sql`
      insert into project_usage_daily (project_id, day, traffic_bytes, requests, storage_bytes)
      select p.id, d::date, (random() * 50000000)::bigint, (random() * 2000)::bigint, (random() * 100000000)::bigint
      from project p, generate_series((${today}::date - ${DAYS - 1}::int)::timestamp, ${today}::date::timestamp, interval '1 day') d`);
    await db.execute(sql`
      insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes)
      select 'use_' || md5(project_id || y || m), project_id, y, m, sum(traffic_bytes), max(storage_bytes)
      from (select project_id, extract(year from day)::int y, extract(month from day)::int m, traffic_bytes, storage_bytes from project_usage_daily) x
      group by project_id, y, m`);
    await db.execute(sql`analyze`);
    console.log(`filled in ${Math.round((performance.now() - started) / 1000)} s`);
  }
  const userId = "usr_bench";
  await db.insert(user).values({ id: userId, email: "bench@bench.dev", name: "Bench" }).onConflictDoNothing();
  await db.execute(sql`insert into team_member (team_id, user_id, role) select id, ${userId}, 'owner' from team on conflict do nothing`);
  // One live token for the bench user (a user holds at most 25).
  await db.execute(sql`update api_token set revoked_at = now() where user_id = ${userId} and revoked_at is null`);
  const { token } = await createApiToken(db, { userId, name: "bench" });

  const server = await startServer(url, 3301);
  try {
    const api = createServelinkClient({ url: server.baseUrl, token });
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const to = today;
    const time = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const teamSlug = (i: number) => `bench-${((i * 7919) % TEAMS) + 1}`;
    for (let i = 0; i < 20; i++) await api.usage.summary.query({ team: teamSlug(i) }); // warm-up
    const summary: number[] = [];
    const daily: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      summary.push(await time(() => api.usage.summary.query({ team: teamSlug(i + 100) })));
      daily.push(await time(() => api.usage.daily.query({ team: teamSlug(i + 200), from, to })));
    }
    // The answers are checked too (outside the timings): totals and rows as the database has them.
    let checked = 0;
    for (let i = 0; i < SAMPLES; i += 30) {
      const slug = teamSlug(i + 100);
      const got = await api.usage.summary.query({ team: slug });
      const [want] = rowsOf<{ traffic: string; projects: number }>(
        await db.execute(sql`select coalesce(sum(u.traffic_bytes), 0)::text as traffic, count(distinct p.id)::int as projects
          from project p join team t on t.id = p.team_id
          left join project_usage u on u.project_id = p.id and u.year = ${Number(today.slice(0, 4))} and u.month = ${Number(today.slice(5, 7))}
          where t.slug = ${slug}`),
      );
      if (String(got.totals.traffic.bytes) !== want!.traffic || got.projects.length !== want!.projects)
        throw new Error(`usage.summary of ${slug} disagrees with the database`);
      const days = await api.usage.daily.query({ team: teamSlug(i + 200), from, to });
      if (days.days.length !== PROJECTS_PER_TEAM * 30) throw new Error(`usage.daily answered ${days.days.length} rows, not ${PROJECTS_PER_TEAM * 30}`);
      checked++;
    }
    summary.sort((a, b) => a - b);
    daily.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    const report = {
      benchmark: "summary",
      teams: TEAMS,
      projects: TEAMS * PROJECTS_PER_TEAM,
      daily_rows: expectedRows,
      samples: SAMPLES,
      transport: "HTTP, typed tRPC client, one request at a time, token auth",
      "usage.summary_ms": { p50: round(percentile(summary, 50)), p95: round(percentile(summary, 95)) },
      "usage.daily_30_days_ms": { p50: round(percentile(daily, 50)), p95: round(percentile(daily, 95)) },
      answers_checked: checked,
      goal: "p95 <= 25 ms for both",
    };
    console.log(JSON.stringify(report, null, 2));
    return report;
  } finally {
    server.stop();
    await handle.close();
  }
}
