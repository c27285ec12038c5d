import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../test/db";
import { createAuth } from "@/server/auth-config";
import { openDatabase, rowsOf, type DbHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { DEMO_PASSWORD, seedDemoData } from "./seed";
import { clock } from "@/lib/clock";

const GIB = 1024 ** 3;
// The seed runs at the clock's time: CI runs this file at month ends, the year's end and a leap day.
const NOW = clock.now();
const TODAY = NOW.toISOString().slice(0, 10);

function seedWith(handle: DbHandle) {
  const auth = createAuth(handle.db, { secret: "x".repeat(40), baseURL: "http://localhost:3000", signInRateLimit: 0 });
  return { auth, run: () => seedDemoData(handle.db, (body) => auth.api.signUpEmail({ body }), NOW) };
}

const SNAPSHOT = sql`
  select
    (select count(*)::int from "user") as users,
    (select count(*)::int from team) as teams,
    (select count(*)::int from team_member) as members,
    (select count(*)::int from project) as projects,
    (select count(*)::int from project_usage_daily) as daily_rows,
    (select coalesce(sum(traffic_bytes), 0)::text from project_usage_daily) as daily_traffic,
    (select coalesce(sum(traffic_bytes), 0)::text from project_usage) as monthly_traffic,
    (select count(*)::int from support_ticket) as tickets,
    (select count(*)::int from support_message) as messages,
    (select max(updated_at)::text from project_usage) as usage_updated`;

describe("demo data on Postgres", () => {
  let h: DbHandle;
  // This file's own database (test/db.ts): the seed's fixed slugs meet no other test's data.
  beforeAll(async () => {
    h = await openTestDb(2);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("seeds what the README promises, and a second run changes nothing", async () => {
    const { auth, run } = seedWith(h);
    await run();
    const first = rowsOf(await h.db.execute(SNAPSHOT));
    await run();
    const second = rowsOf(await h.db.execute(SNAPSHOT));
    expect(second).toEqual(first);
    expect(first[0]).toMatchObject({ users: 5, teams: 2, members: 3, projects: 5, daily_rows: 450, tickets: 3 });
    expect(first[0]!.daily_traffic).toBe(first[0]!.monthly_traffic);

    const teams = rowsOf(
      await h.db.execute(sql`
      select t.slug, t.name, s.plan_id, s.current_period_end,
             (select string_agg(p.slug, ',' order by p.slug) from project p where p.team_id = t.id) as projects,
             (select string_agg(u.email || ':' || m.role, ',' order by u.email) from team_member m join "user" u on u.id = m.user_id where m.team_id = t.id) as members
      from team t join team_subscription s on s.team_id = t.id order by t.slug`),
    );
    expect(teams.map((t) => [t.slug, t.name, t.plan_id, t.projects, t.members])).toEqual([
      ["acme", "Acme", "pay_as_you_go", "acme-api,acme-web,acme-worker", "alice@demo.servelink.dev:owner,dave@demo.servelink.dev:member"],
      ["hobby", "Hobby", "free", "blog,portfolio", "bob@demo.servelink.dev:owner"],
    ]);
    const periodEnd = new Date(teams[0]!.current_period_end as string);
    expect(Math.round((periodEnd.getTime() - NOW.getTime()) / 86_400_000)).toBe(20);

    // Bob's Free team runs at about 70 % of its monthly traffic: the last 30 days come to that.
    const [hobby] = rowsOf<{ last30: string; month: string }>(
      await h.db.execute(sql`
      select coalesce(sum(d.traffic_bytes) filter (where d.day >= ${TODAY}::date - 30 and d.day < ${TODAY}::date), 0)::text as last30,
             coalesce(sum(d.traffic_bytes) filter (where date_trunc('month', d.day) = date_trunc('month', ${TODAY}::date)), 0)::text as month
      from project_usage_daily d join project p on p.id = d.project_id join team t on t.id = p.team_id
      where t.slug = 'hobby'`),
    );
    const share = Number(hobby!.last30) / (5 * GIB);
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.75);
    // This month holds only the days gone by: on the 1st, a few hours of traffic, not a month in one day.
    const elapsedDays = (NOW.getTime() - Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), 1)) / 86_400_000;
    // (A busy weekday runs above the average pace: at most one and a half times it.)
    expect(Number(hobby!.month) / (5 * GIB)).toBeLessThanOrEqual((1.5 * 0.75 * (elapsedDays + 0.01)) / 30);

    // Nothing the seed wrote is dated after its own now (the Overview never says "last traffic in 4 hours").
    const [latest] = rowsOf<Record<string, string | null>>(
      await h.db.execute(sql`
      select (select max(day)::text from project_usage_daily) as day,
             (select max(last_traffic_at) from project) as last_traffic,
             greatest((select max(created_at) from project), (select max(created_at) from team), (select max(created_at) from "user"),
                      (select max(created_at) from support_ticket), (select max(created_at) from support_message),
                      (select max(updated_at) from project_usage), (select max(resolved_at) from support_ticket)) as latest_write`),
    );
    expect(latest!.day).toBe(TODAY);
    expect(new Date(latest!.last_traffic!).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(latest!.latest_write!).getTime()).toBeLessThanOrEqual(NOW.getTime());

    const [carol] = rowsOf(await h.db.execute(sql`select role from "user" where email = 'carol@demo.servelink.dev'`));
    expect(carol).toEqual({ role: "support" });
    // The admin revenue page's demo user (spec 17).
    const [erin] = rowsOf(await h.db.execute(sql`select role from "user" where email = 'erin@demo.servelink.dev'`));
    expect(erin).toEqual({ role: "admin" });
    const tickets = rowsOf(await h.db.execute(sql`select t.slug, s.status from support_ticket s join team t on t.id = s.team_id order by t.slug, s.status`));
    expect(tickets.map((r) => `${r.slug}:${r.status}`)).toEqual(["acme:open", "acme:resolved", "hobby:open"]);

    const signIn = await auth.api.signInEmail({ body: { email: "alice@demo.servelink.dev", password: DEMO_PASSWORD } });
    expect(signIn.user.email).toBe("alice@demo.servelink.dev");
    const erinSignIn = await auth.api.signInEmail({ body: { email: "erin@demo.servelink.dev", password: DEMO_PASSWORD } });
    expect(erinSignIn.user.email).toBe("erin@demo.servelink.dev");
  });
});

describe("demo data on the embedded PGlite database (smoke)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "servelink-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates, seeds and reads back", async () => {
    const handle = await openDatabase({ pgliteDir: dir });
    try {
      expect(handle.kind).toBe("pglite");
      await migrateDatabase(handle);
      await seedWith(handle).run();
      const rows = await handle.db.execute(sql`
        select t.slug, count(p.id)::int as projects from team t join project p on p.team_id = t.id group by t.slug order by t.slug`);
      expect(rowsOf(rows)).toEqual([
        { slug: "acme", projects: 3 },
        { slug: "hobby", projects: 2 },
      ]);
    } finally {
      await handle.close();
    }
  });
});
