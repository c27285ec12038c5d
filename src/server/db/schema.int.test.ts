import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, uniqueSlug } from "../../../test/db";
import { newId } from "@/lib/ids";
import { rowsOf, type DbHandle } from "./client";
import { project, projectUsage, team } from "./schema";

let h: DbHandle;
let projectId: string;

async function rejects(statement: Promise<unknown>, pattern: RegExp) {
  const err = await statement.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "the database should have refused this write").toBeInstanceOf(Error);
  const e = err as Error & { cause?: { message?: string } };
  expect(`${e.message} ${e.cause?.message ?? ""}`).toMatch(pattern);
}

beforeAll(async () => {
  h = await openTestDb();
  const teamId = newId("team");
  await h.db.insert(team).values({ id: teamId, slug: uniqueSlug(), name: "Guarded" });
  projectId = newId("prj");
  await h.db.insert(project).values({ id: projectId, teamId, name: "p", slug: "p" });
});
afterAll(async () => {
  await h.close();
});

describe("the database guards the data", () => {
  it("the plans of section 2 are present with their limits and price", async () => {
    const rows = rowsOf(
      await h.db.execute(
        sql`select id, max_projects, max_memory_mb, max_traffic_gb_per_month, max_storage_mb, price_minor, currency from subscription_plan order by id`,
      ),
    );
    expect(rows).toEqual([
      { id: "free", max_projects: 2, max_memory_mb: 100, max_traffic_gb_per_month: 5, max_storage_mb: 100, price_minor: 0, currency: "EUR" },
      { id: "pay_as_you_go", max_projects: -1, max_memory_mb: 6144, max_traffic_gb_per_month: 10, max_storage_mb: 10240, price_minor: 300, currency: "EUR" },
    ]);
  });

  it("one monthly usage row per project and month", async () => {
    await h.db.insert(projectUsage).values({ id: newId("use"), projectId, year: 2026, month: 1 });
    await rejects(h.db.insert(projectUsage).values({ id: newId("use"), projectId, year: 2026, month: 1 }), /project_usage_project_id_year_month_key/);
  });

  it("negative bytes, bad months and unknown statuses are refused", async () => {
    await rejects(h.db.insert(projectUsage).values({ id: newId("use"), projectId, year: 2026, month: 2, trafficBytes: -1n }), /project_usage_bytes_check/);
    await rejects(h.db.insert(projectUsage).values({ id: newId("use"), projectId, year: 2026, month: 13 }), /project_usage_month_check/);
    await rejects(h.db.execute(sql`update project set status = 'deleted' where id = ${projectId}`), /project_status_check/);
    await rejects(h.db.execute(sql`insert into team (id, slug, name) values ('team_x', 'Bad Slug', 'x')`), /team_slug_check/);
  });

  it("bytes beyond 2^53 are stored exactly", async () => {
    const huge = 2n ** 60n + 7n;
    await h.db.insert(projectUsage).values({ id: newId("use"), projectId, year: 2026, month: 3, trafficBytes: huge });
    const rows = rowsOf(await h.db.execute(sql`select traffic_bytes::text as t from project_usage where project_id = ${projectId} and month = 3`));
    expect(rows[0]).toEqual({ t: huge.toString() });
  });

  it("payments: unique external id, non-negative integer cents, known methods, completed_at only when completed", async () => {
    const [{ id: teamId }] = rowsOf<{ id: string }>(await h.db.execute(sql`select team_id as id from project where id = ${projectId}`)) as [{ id: string }];
    const base = sql`insert into payment (id, team_id, purpose, amount_minor, payment_method, external_payment_id, status, completed_at) values`;
    await h.db.execute(sql`${base} ('pay_1', ${teamId}, 'plan_upgrade', 300, 'mobile_money', 'ext_1', 'pending', null)`);
    await rejects(
      h.db.execute(sql`${base} ('pay_2', ${teamId}, 'plan_upgrade', 300, 'mobile_money', 'ext_1', 'pending', null)`),
      /payment_external_payment_id_unique/,
    );
    await rejects(h.db.execute(sql`${base} ('pay_3', ${teamId}, 'plan_upgrade', -300, 'mobile_money', 'ext_3', 'pending', null)`), /payment_amount_check/);
    await rejects(h.db.execute(sql`${base} ('pay_4', ${teamId}, 'plan_upgrade', 300, 'cash', 'ext_4', 'pending', null)`), /payment_method_check/);
    await rejects(
      h.db.execute(sql`${base} ('pay_5', ${teamId}, 'plan_upgrade', 300, 'mobile_money', 'ext_5', 'completed', null)`),
      /payment_completed_at_check/,
    );
  });
});
