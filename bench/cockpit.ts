// npm run bench -- cockpit: p50/p95 of support.teamContext (spec 19) over HTTP against the production
// build, on 10,000 teams × 2 projects × a year of daily usage, with payments, a balance, add-ons,
// alerts and a ticket per team. Goal: within 100 ms of server time.
import { sql } from "drizzle-orm";
import { createServelinkClient } from "../src/client";
import { rowsOf, type Db } from "../src/server/db/client";
import { user } from "../src/server/db/schema";
import { createApiToken } from "../src/server/services/tokens/api-tokens";
import { benchDatabase, percentile, startServer } from "./server";

const TEAMS = 10_000;
const PROJECTS_PER_TEAM = 2;
const DAYS = 365;
const PAYMENTS_PER_TEAM = 12;
const NOTIFICATIONS_PER_TEAM = 6;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const METRICS_TOKEN = "bench-metrics-token-0123456789";
const PROCEDURE = "trpc:support.teamContext";

/** The data set, filled once a day (its days end today) and kept for later runs. */
async function fill(db: Db, today: string) {
  console.log(`filling ${TEAMS.toLocaleString("en")} teams, ${(TEAMS * PROJECTS_PER_TEAM * DAYS).toLocaleString("en")} daily rows up to ${today}…`);
  const started = performance.now();
  await db.execute(sql`truncate team cascade`);
  await db.execute(sql`insert into team (id, slug, name) select 'team_c' || i, 'cockpit-' || i, 'Cockpit ' || i from generate_series(1, ${TEAMS}) i`);
  await db.execute(sql`
    insert into team_subscription (id, team_id, plan_id, current_period_end)
    select 'sub_' || id, id, p, case when p = 'pay_as_you_go' then ${today}::timestamptz + interval '12 days' end
    from (select id, case when random() < 0.5 then 'free' else 'pay_as_you_go' end p from team) t`);
  await db.execute(sql`insert into billing_profile (team_id, currency, country) select id, case when random() < 0.3 then 'XOF' else 'EUR' end, null from team`);
  await db.execute(sql`update billing_profile set country = 'CI' where currency = 'XOF'`);
  await db.execute(sql`
    insert into project (id, team_id, name, slug, status)
    select 'prj_c' || t || '_' || p, 'team_c' || t, 'p' || p, 'p' || p, case when random() < 0.1 then 'suspended' when random() < 0.05 then 'inactive' else 'active' end
    from generate_series(1, ${TEAMS}) t, generate_series(1, ${PROJECTS_PER_TEAM}) p`);
  await db.execute(sql`
    insert into project_usage_daily (project_id, day, traffic_bytes, requests, storage_bytes)
    select p.id, d::date, (random() * 200000000)::bigint, (random() * 2000)::bigint, (random() * 100000000)::bigint
    from project p, generate_series((${today}::date - ${DAYS - 1}::int)::timestamp, ${today}::date::timestamp, interval '1 day') d`);
  await db.execute(sql`
    insert into project_usage (id, project_id, year, month, traffic_bytes, storage_bytes)
    select 'use_' || md5(project_id || y || m), project_id, y, m, sum(traffic_bytes), max(storage_bytes)
    from (select project_id, extract(year from day)::int y, extract(month from day)::int m, traffic_bytes, storage_bytes from project_usage_daily) x
    group by project_id, y, m`);
  // One payment in five failed (with its reason), the others completed, one every 9 days back from today.
  await db.execute(sql`
    insert into payment (id, team_id, provider, purpose, amount_minor, currency, payment_method, status, metadata, created_at, updated_at, completed_at)
    select 'pay_c' || t || '_' || i, 'team_c' || t, 'payment_backend', 'plan_upgrade', 300, 'EUR', 'mobile_money',
           case when (t + i) % 5 = 0 then 'failed' else 'completed' end,
           case when (t + i) % 5 = 0 then '{"failure_reason":"insufficient_funds"}'::jsonb else '{}'::jsonb end,
           ${today}::timestamptz - (i * interval '9 days'), ${today}::timestamptz - (i * interval '9 days'),
           case when (t + i) % 5 <> 0 then ${today}::timestamptz - (i * interval '9 days') end
    from generate_series(1, ${TEAMS}) t, generate_series(1, ${PAYMENTS_PER_TEAM}) i`);
  await db.execute(sql`
    insert into balance_entry (id, team_id, seq, kind, amount_minor, currency, balance_after_minor, note, created_at)
    select 'bal_c' || b.team_id || '_' || i, b.team_id, i, 'top_up', 1000, b.currency, 1000 * i, 'Top-up', ${today}::timestamptz - ((10 - i) * interval '20 days')
    from billing_profile b, generate_series(1, 3) i`);
  await db.execute(sql`
    insert into additional_resource (id, team_id, resource_type, quantity, unit_price_minor, status, expires_at, activated_at)
    select 'res_c' || team_id, team_id, 'traffic', 1, 100, 'active', ${today}::timestamptz + interval '20 days', ${today}::timestamptz - interval '10 days'
    from team_subscription where plan_id = 'pay_as_you_go'`);
  await db.execute(sql`
    insert into notification (id, team_id, kind, metric, threshold, period, title, body, created_at)
    select 'ntf_c' || t || '_' || i, 'team_c' || t, 'payment.failed', null, null, null, 'A payment failed', 'Your payment of 3.00 EUR failed.',
           ${today}::timestamptz - (i * interval '5 days')
    from generate_series(1, ${TEAMS}) t, generate_series(1, ${NOTIFICATIONS_PER_TEAM}) i`);
  await db.execute(
    sql`insert into "user" (id, email, name) select 'usr_c' || i, 'owner' || i || '@cockpit.bench', 'Owner ' || i from generate_series(1, ${TEAMS}) i`,
  );
  await db.execute(sql`insert into team_member (team_id, user_id, role) select 'team_c' || i, 'usr_c' || i, 'owner' from generate_series(1, ${TEAMS}) i`);
  await db.execute(sql`
    insert into support_ticket (id, team_id, user_id, subject, description, category, priority, status, language, created_at, updated_at)
    select 'tkt_c' || i, 'team_c' || i, 'usr_c' || i, 'I paid but I am suspended', 'Please help', 'billing', 'normal', 'open',
           case when i % 3 = 0 then 'fr' else 'en' end, ${today}::timestamptz, ${today}::timestamptz
    from generate_series(1, ${TEAMS}) i`);
  await db.execute(sql`analyze`);
  console.log(`filled in ${Math.round((performance.now() - started) / 1000)} s`);
}

/** The procedure's server-side time so far, from the console's own request histogram (`/api/metrics`). */
async function serverTime(baseUrl: string): Promise<{ count: number; sum: number; buckets: Map<number, number> }> {
  const text = await (await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const out = { count: 0, sum: 0, buckets: new Map<number, number>() };
  for (const line of text.split("\n")) {
    if (!line.includes(`route="${PROCEDURE}"`) || !line.includes('status="200"')) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (line.startsWith("servelink_http_request_duration_seconds_count")) out.count += value;
    else if (line.startsWith("servelink_http_request_duration_seconds_sum")) out.sum += value;
    else if (line.startsWith("servelink_http_request_duration_seconds_bucket")) {
      const le = /le="([^"]+)"/.exec(line)?.[1];
      if (le) out.buckets.set(le === "+Inf" ? Infinity : Number(le), (out.buckets.get(le === "+Inf" ? Infinity : Number(le)) ?? 0) + value);
    }
  }
  return out;
}

/** The bucket a share of the requests fall within, from two histogram readings: "≤ 25 ms" (an upper bound). */
function bucketPercentile(before: Map<number, number>, after: Map<number, number>, p: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  for (const le of bounds) if ((after.get(le) ?? 0) - (before.get(le) ?? 0) >= (p / 100) * total) return le * 1000;
  return Infinity;
}

export async function benchCockpit() {
  const { handle, url } = await benchDatabase("servelink_bench_cockpit", false);
  const db = handle.db;
  const today = new Date().toISOString().slice(0, 10);
  const [{ n, last } = { n: 0, last: null }] = rowsOf<{ n: number; last: string | null }>(
    await db.execute(sql`select (select count(*)::int from support_ticket) as n, (select max(day)::text from project_usage_daily) as last`),
  );
  if (n !== TEAMS || last !== today) await fill(db, today);
  const staffId = "usr_cockpit_staff";
  await db.insert(user).values({ id: staffId, email: "carol@cockpit.bench", name: "Carol", role: "support" }).onConflictDoNothing();
  await db.execute(sql`update api_token set revoked_at = now() where user_id = ${staffId} and revoked_at is null`);
  const { token } = await createApiToken(db, { userId: staffId, name: "bench" });

  const server = await startServer(url, 3302, { METRICS_TOKEN });
  try {
    const api = createServelinkClient({ url: server.baseUrl, token });
    const ticket = (i: number) => `tkt_c${((i * 7919) % TEAMS) + 1}`;
    for (let i = 0; i < 20; i++) await api.support.teamContext.query({ ticketId: ticket(i) }); // warm-up
    const before = await serverTime(server.baseUrl);
    const client: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      await api.support.teamContext.query({ ticketId: ticket(i + 100) });
      client.push(performance.now() - t0);
    }
    const after = await serverTime(server.baseUrl);
    // The answers are checked too (outside the timings): the payments and the balance as the database has them.
    let checked = 0;
    for (let i = 0; i < SAMPLES; i += 30) {
      const id = ticket(i + 100);
      const got = await api.support.teamContext.query({ ticketId: id });
      const [want] = rowsOf<{ payments: number; balance: number }>(
        await db.execute(sql`select (select count(*)::int from payment p join support_ticket t on t.team_id = p.team_id where t.id = ${id}) as payments,
          (select balance_after_minor from balance_entry b join support_ticket t on t.team_id = b.team_id where t.id = ${id} order by seq desc limit 1) as balance`),
      );
      if (got.payments.length !== Math.min(5, want!.payments) || got.balance.balance_minor !== want!.balance)
        throw new Error(`support.teamContext of ${id} disagrees with the database`);
      checked++;
    }
    client.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    const count = after.count - before.count;
    const report = {
      benchmark: "cockpit",
      teams: TEAMS,
      projects: TEAMS * PROJECTS_PER_TEAM,
      daily_rows: TEAMS * PROJECTS_PER_TEAM * DAYS,
      payments: TEAMS * PAYMENTS_PER_TEAM,
      samples: SAMPLES,
      transport: "HTTP, typed tRPC client, one request at a time, token auth (staff)",
      "support.teamContext_http_ms": { p50: round(percentile(client, 50)), p95: round(percentile(client, 95)) },
      "support.teamContext_server_ms": {
        mean: count ? round((1000 * (after.sum - before.sum)) / count) : null,
        p50_at_most: bucketPercentile(before.buckets, after.buckets, 50),
        p95_at_most: bucketPercentile(before.buckets, after.buckets, 95),
        requests: count,
      },
      answers_checked: checked,
      goal: "server time within 100 ms",
    };
    console.log(JSON.stringify(report, null, 2));
    return report;
  } finally {
    server.stop();
    await handle.close();
  }
}
