// The team check of team-scoped procedures: one per request for reads, afresh for every change.
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, testDatabaseUrl } from "../../../test/db";
import { insertTeam } from "../../../test/fixtures";
import type { Db, DbHandle } from "@/server/db/client";
import * as schema from "@/server/db/schema";
import { teamMember } from "@/server/db/schema";
import { createContextInner } from "./context";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

const createCaller = createCallerFactory(appRouter);
let client: postgres.Sql;
let db: Db;
let handle: DbHandle;
const queries: string[] = [];
// The team check is the query that joins team, team_subscription and team_member.
const teamChecks = () => queries.filter((q) => /from "team" inner join "team_subscription"/.test(q) && q.includes('"team_member"')).length;

beforeAll(async () => {
  client = postgres(await testDatabaseUrl(), { max: 3, onnotice: () => {} });
  db = drizzle(client, { schema, logger: { logQuery: (query) => void queries.push(query) } }) as unknown as Db;
  handle = { db, kind: "postgres", close: async () => {} };
});
afterAll(async () => {
  await client.end({ timeout: 5 });
});

describe("team checks", () => {
  it("the Billing page's reads in one request check the team once; another request checks again", async () => {
    const { team, owner } = await insertTeam(handle, { plan: "pay_as_you_go" });
    const page = createCaller(createContextInner({ db, user: owner }));
    queries.length = 0;
    const [seen] = await Promise.all([
      page.teams.get({ team: team.slug }),
      page.payments.history({ team: team.slug }),
      page.payments.stats({ team: team.slug }),
      page.payments.cardBilling({ team: team.slug }),
      page.addons.limits({ team: ` ${team.slug.toUpperCase()} ` }),
    ]);
    expect(seen).toMatchObject({ slug: team.slug, role: "owner" });
    expect(teamChecks()).toBe(1);

    const next = createCaller(createContextInner({ db, user: owner }));
    await next.teams.get({ team: team.slug });
    expect(teamChecks()).toBe(2);
  });

  it("a change checks the team afresh, so an admin demoted since the last read is refused", async () => {
    const { team } = await insertTeam(handle);
    const admin = await insertUser(handle);
    await db.insert(teamMember).values({ teamId: team.id, userId: admin.id, role: "admin" });
    const request = createCaller(createContextInner({ db, user: admin }));
    expect(await request.projects.list({ team: team.slug })).toHaveLength(1);
    await db.update(teamMember).set({ role: "member" }).where(eq(teamMember.userId, admin.id));
    const refused = await request.projects.create({ team: team.slug, name: "late" }).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe("FORBIDDEN");
  });

  it("another team's reads are NOT_FOUND, however often they are asked in one request", async () => {
    const { team } = await insertTeam(handle);
    const stranger = await insertUser(handle);
    const request = createCaller(createContextInner({ db, user: stranger }));
    const answers = await Promise.allSettled([request.teams.get({ team: team.slug }), request.payments.history({ team: team.slug })]);
    expect(answers.map((a) => (a.status === "rejected" ? (a.reason as { code?: string }).code : "fulfilled"))).toEqual(["NOT_FOUND", "NOT_FOUND"]);
  });
});
