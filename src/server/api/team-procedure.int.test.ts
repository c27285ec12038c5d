// A team-scoped procedure's checks and their order (spec 13): not signed in 401, over the budget 429
// (the team is read meanwhile, but its answer never shows), a bad input 400, another team 404.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../test/db";
import { insertTeam } from "../../../test/fixtures";
import type { DbHandle } from "@/server/db/client";
import { teamMember } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "./context";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;

beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

/** A caller whose budget is `wait` (0: let through), and the calls it counted. */
function callerFor(user: TSessionUser | null, wait = 0) {
  const counted: string[] = [];
  const caller = createCaller(
    createContextInner({
      db: h.db,
      user,
      auth: user ? "token" : "none",
      rateLimit: (userId) => {
        counted.push(userId);
        return wait;
      },
    }),
  );
  return { caller, counted };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );

describe("teamProcedure", () => {
  it("answers a member, counting the call once; another team is NOT_FOUND, counted too", async () => {
    const { team, owner } = await insertTeam(h);
    const { team: other } = await insertTeam(h);
    const { caller, counted } = callerFor(owner);
    expect((await caller.usage.summary({ team: team.slug })).team.id).toBe(team.id);
    expect(await codeOf(caller.usage.summary({ team: other.slug }))).toBe("NOT_FOUND");
    expect(counted).toEqual([owner.id, owner.id]);
  });

  it("over the budget: TOO_MANY_REQUESTS for the caller's own team and for another alike", async () => {
    const { team, owner } = await insertTeam(h);
    const { team: other } = await insertTeam(h);
    const { caller } = callerFor(owner, 30);
    expect(await codeOf(caller.usage.summary({ team: team.slug }))).toBe("TOO_MANY_REQUESTS");
    expect(await codeOf(caller.usage.summary({ team: other.slug }))).toBe("TOO_MANY_REQUESTS");
    expect(await codeOf(caller.usage.summary({ team: "no-such-team" }))).toBe("TOO_MANY_REQUESTS");
    const err = await caller.usage.daily({ team: team.slug, from: "2026-11-01", to: "2026-11-30" }).catch((e: unknown) => e);
    expect((err as TRPCError).message).toBe("Too many requests: try again in 30 s.");
  });

  it("not signed in: UNAUTHORIZED before the input is read, and nothing is counted", async () => {
    const { caller, counted } = callerFor(null);
    expect(await codeOf(caller.usage.summary({ team: "" }))).toBe("UNAUTHORIZED");
    expect(counted).toEqual([]);
  });

  it("a bad team input is counted, then refused with BAD_REQUEST (over the budget: TOO_MANY_REQUESTS)", async () => {
    const user = await insertUser(h);
    const within = callerFor(user);
    expect(await codeOf(within.caller.usage.summary({ team: " " }))).toBe("BAD_REQUEST");
    expect(within.counted).toEqual([user.id]);
    expect(await codeOf(callerFor(user, 5).caller.usage.summary({ team: " " }))).toBe("TOO_MANY_REQUESTS");
  });

  it("a member below the role a procedure asks is FORBIDDEN, an admin-only change included", async () => {
    const { team } = await insertTeam(h);
    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    const { caller } = callerFor(member);
    expect((await caller.usage.summary({ team: team.slug })).team.id).toBe(team.id);
    expect(await codeOf(caller.addons.cancel({ team: team.slug, resourceId: "res_none" }))).toBe("FORBIDDEN");
  });
});
