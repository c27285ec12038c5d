import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../../test/db";
import { createAuth } from "../auth-config";
import { openDatabase, rowsOf, type DbHandle } from "./client";
import { migrateDatabase } from "./migrate";
import { DEMO_PASSWORD, seedDemoData } from "./seed";

const GIB = 1024 ** 3;
const NOW = new Date("2026-11-23T19:00:00Z");

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
  let name: string;
  beforeAll(async () => {
    // Its own database: the seed's fixed slugs would collide with other tests' data otherwise.
    const shared = await openTestDb(1);
    name = `seed_${Date.now().toString(36)}`;
    await shared.db.execute(sql.raw(`create database "${name}"`));
    await shared.close();
    const url = new URL((await import("vitest")).inject("databaseUrl"));
    url.pathname = `/${name}`;
    h = await openDatabase({ url: url.toString(), max: 2 });
    await migrateDatabase(h);
  });
  afterAll(async () => {
    await h?.close();
    const shared = await openTestDb(1);
    await shared.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
    await shared.close();
  });

  it("seeds what the README promises, and a second run changes nothing", async () => {
    const { auth, run } = seedWith(h);
    await run();
    const first = rowsOf(await h.db.execute(SNAPSHOT));
    await run();
    const second = rowsOf(await h.db.execute(SNAPSHOT));
    expect(second).toEqual(first);
    expect(first[0]).toMatchObject({ users: 4, teams: 2, members: 3, projects: 5, daily_rows: 450, tickets: 3 });
    expect(first[0]!.daily_traffic).toBe(first[0]!.monthly_traffic);

    const teams = rowsOf(await h.db.execute(sql`
      select t.slug, t.name, s.plan_id, s.current_period_end,
             (select string_agg(p.slug, ',' order by p.slug) from project p where p.team_id = t.id) as projects,
             (select string_agg(u.email || ':' || m.role, ',' order by u.email) from team_member m join "user" u on u.id = m.user_id where m.team_id = t.id) as members
      from team t join team_subscription s on s.team_id = t.id order by t.slug`));
    expect(teams.map((t) => [t.slug, t.name, t.plan_id, t.projects, t.members])).toEqual([
      ["acme", "Acme", "pay_as_you_go", "acme-api,acme-web,acme-worker", "alice@demo.servelink.dev:owner,dave@demo.servelink.dev:member"],
      ["hobby", "Hobby", "free", "blog,portfolio", "bob@demo.servelink.dev:owner"],
    ]);
    const periodEnd = new Date(teams[0]!.current_period_end as string);
    expect(Math.round((periodEnd.getTime() - NOW.getTime()) / 86_400_000)).toBe(20);

    const [hobby] = rowsOf(await h.db.execute(sql`
      select sum(u.traffic_bytes)::text as bytes from project_usage u
      join project p on p.id = u.project_id join team t on t.id = p.team_id
      where t.slug = 'hobby' and u.year = 2026 and u.month = 11`));
    const share = Number(hobby!.bytes) / (5 * GIB);
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.75);

    const [carol] = rowsOf(await h.db.execute(sql`select role from "user" where email = 'carol@demo.servelink.dev'`));
    expect(carol).toEqual({ role: "support" });
    const tickets = rowsOf(await h.db.execute(sql`select t.slug, s.status from support_ticket s join team t on t.id = s.team_id order by t.slug, s.status`));
    expect(tickets.map((r) => `${r.slug}:${r.status}`)).toEqual(["acme:open", "acme:resolved", "hobby:open"]);

    const signIn = await auth.api.signInEmail({ body: { email: "alice@demo.servelink.dev", password: DEMO_PASSWORD } });
    expect(signIn.user.email).toBe("alice@demo.servelink.dev");
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
