import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb, uniqueSlug } from "../../../../test/db";
import type { DbHandle } from "@/server/db/client";
import { teamSubscription } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { clock } from "@/lib/clock";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
const callerFor = (user: TSessionUser | null) => createCaller(createContextInner({ db: h.db, user }));

async function expectTRPCError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe(code);
  if (message) expect((err as TRPCError).message).toMatch(message);
}

async function makePro(teamId: string) {
  await h.db
    .update(teamSubscription)
    .set({ planId: "pay_as_you_go", currentPeriodEnd: new Date(clock.nowMs() + 30 * 86_400_000) })
    .where(eq(teamSubscription.teamId, teamId));
}

beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

describe("teams", () => {
  it("a new team makes its creator the owner, on Free, and shows in teams.list", async () => {
    const alice = await insertUser(h);
    const slug = uniqueSlug("acme");
    const created = await callerFor(alice).teams.create({ name: "Acme", slug });
    expect(created).toMatchObject({ slug, name: "Acme", role: "owner", plan: "free" });
    const list = await callerFor(alice).teams.list();
    expect(list).toEqual([expect.objectContaining({ slug, name: "Acme", role: "owner", plan: "free" })]);
  });

  it("signed-out callers get UNAUTHORIZED, and a bad token is told so", async () => {
    await expectTRPCError(callerFor(null).teams.list(), "UNAUTHORIZED", /Sign in/);
    const badToken = createCaller(createContextInner({ db: h.db, user: null, auth: "invalid_token" }));
    await expectTRPCError(badToken.teams.list(), "UNAUTHORIZED", /invalid or has been revoked/);
    const basic = createCaller(createContextInner({ db: h.db, user: null, auth: "malformed_authorization" }));
    await expectTRPCError(basic.teams.list(), "UNAUTHORIZED", /must be 'Bearer <token>'/);
  });

  it("a Free owner cannot own a second team, and the message says how to raise the limit", async () => {
    const bob = await insertUser(h);
    await callerFor(bob).teams.create({ name: "One", slug: uniqueSlug() });
    await expectTRPCError(
      callerFor(bob).teams.create({ name: "Two", slug: uniqueSlug() }),
      "FORBIDDEN",
      /Free plan allows 1 team per owner\. Upgrade one of your teams to Pro/,
    );
  });

  it("an owner of a Pro team may own more teams", async () => {
    const u = await insertUser(h);
    const first = await callerFor(u).teams.create({ name: "One", slug: uniqueSlug() });
    await makePro(first.id);
    const second = await callerFor(u).teams.create({ name: "Two", slug: uniqueSlug() });
    expect(second.role).toBe("owner");
  });

  it("reserved, malformed and taken slugs are refused with a message naming the field", async () => {
    const u = await insertUser(h);
    await expectTRPCError(callerFor(u).teams.create({ name: "X", slug: "callback" }), "BAD_REQUEST", /^slug: is a reserved word/);
    await expectTRPCError(callerFor(u).teams.create({ name: "X", slug: "ab" }), "BAD_REQUEST", /^slug: must be 3 to 40/);
    const other = await insertUser(h);
    const slug = uniqueSlug();
    await callerFor(other).teams.create({ name: "Taken", slug });
    await expectTRPCError(callerFor(u).teams.create({ name: "X", slug }), "CONFLICT", /already taken/);
  });

  it("zod input errors name the field", async () => {
    const u = await insertUser(h);
    await expectTRPCError(callerFor(u).teams.create({ name: "", slug: uniqueSlug() }), "BAD_REQUEST", /name/);
  });

  it("another team is NOT_FOUND, for reads and writes alike, whether by slug or id", async () => {
    const owner = await insertUser(h);
    const stranger = await insertUser(h);
    const t = await callerFor(owner).teams.create({ name: "Private", slug: uniqueSlug() });
    await expectTRPCError(callerFor(stranger).teams.get({ team: t.slug }), "NOT_FOUND");
    await expectTRPCError(callerFor(stranger).teams.get({ team: t.id }), "NOT_FOUND");
    await expectTRPCError(callerFor(stranger).projects.create({ team: t.slug, name: "x" }), "NOT_FOUND");
    await expectTRPCError(callerFor(stranger).teams.members({ team: t.slug }), "NOT_FOUND");
    // The answer for an existing team is the same as for one that does not exist.
    await expectTRPCError(callerFor(stranger).teams.get({ team: "no-such-team-anywhere" }), "NOT_FOUND", /^Team not found\.$/);
    await expectTRPCError(callerFor(stranger).teams.get({ team: t.slug }), "NOT_FOUND", /^Team not found\.$/);
  });

  it("a global admin may read any team but not act as its owner", async () => {
    const owner = await insertUser(h);
    const admin = await insertUser(h, { role: "admin" });
    const t = await callerFor(owner).teams.create({ name: "Watched", slug: uniqueSlug() });
    const seen = await callerFor(admin).teams.get({ team: t.slug });
    expect(seen).toMatchObject({ slug: t.slug, role: null });
    await expectTRPCError(
      callerFor(admin).projects.create({ team: t.slug, name: "x" }),
      "FORBIDDEN",
      /^Only the team's owners and admins may create projects\.$/,
    );
  });
});

describe("members", () => {
  it("a Free team cannot take a second member; the message names the limit and the upgrade", async () => {
    const owner = await insertUser(h);
    const friend = await insertUser(h);
    const t = await callerFor(owner).teams.create({ name: "Solo", slug: uniqueSlug() });
    await expectTRPCError(
      callerFor(owner).teams.addMember({ team: t.slug, email: friend.email, role: "member" }),
      "FORBIDDEN",
      /Free plan allows 1 member per team\. Upgrade the team to Pro/,
    );
  });

  it("on Pro, owners add members by e-mail and change roles; members may not manage members", async () => {
    const owner = await insertUser(h);
    const dave = await insertUser(h);
    const erin = await insertUser(h);
    const t = await callerFor(owner).teams.create({ name: "Crew", slug: uniqueSlug() });
    await makePro(t.id);
    await callerFor(owner).teams.addMember({ team: t.slug, email: dave.email.toUpperCase(), role: "member" });
    expect((await callerFor(dave).teams.list()).map((x) => [x.slug, x.role])).toEqual([[t.slug, "member"]]);
    await expectTRPCError(
      callerFor(dave).teams.addMember({ team: t.slug, email: erin.email, role: "member" }),
      "FORBIDDEN",
      /Only the team's owners and admins/,
    );
    await expectTRPCError(callerFor(owner).teams.addMember({ team: t.slug, email: dave.email, role: "member" }), "CONFLICT", /already a member/);
    await expectTRPCError(
      callerFor(owner).teams.addMember({ team: t.slug, email: "nobody@nowhere.example", role: "member" }),
      "NOT_FOUND",
      /Ask them to sign up first/,
    );
    await callerFor(owner).teams.changeRole({ team: t.slug, userId: dave.id, role: "admin" });
    // An admin may now add members, but not make owners.
    await expectTRPCError(
      callerFor(dave).teams.addMember({ team: t.slug, email: erin.email, role: "owner" }),
      "FORBIDDEN",
      /Only an owner may make someone an owner/,
    );
    await callerFor(dave).teams.addMember({ team: t.slug, email: erin.email, role: "member" });
    const members = await callerFor(owner).teams.members({ team: t.slug });
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [dave.email, "admin"],
      [erin.email, "member"],
    ]);
  });

  it("a team always keeps one owner", async () => {
    const owner = await insertUser(h);
    const t = await callerFor(owner).teams.create({ name: "Kept", slug: uniqueSlug() });
    await expectTRPCError(callerFor(owner).teams.changeRole({ team: t.slug, userId: owner.id, role: "member" }), "CONFLICT", /at least one owner/);
    await expectTRPCError(callerFor(owner).teams.removeMember({ team: t.slug, userId: owner.id }), "CONFLICT", /at least one owner/);
  });
});

describe("projects", () => {
  it("a Free team holds 2 projects; the third is refused with the limit and the way to raise it", async () => {
    const owner = await insertUser(h);
    const t = await callerFor(owner).teams.create({ name: "Small", slug: uniqueSlug() });
    await callerFor(owner).projects.create({ team: t.slug, name: "Blog" });
    await callerFor(owner).projects.create({ team: t.slug, name: "Portfolio" });
    await expectTRPCError(
      callerFor(owner).projects.create({ team: t.slug, name: "Shop" }),
      "FORBIDDEN",
      /Free plan allows 2 projects per team\. Upgrade the team to Pro/,
    );
    const overview = await callerFor(owner).teams.get({ team: t.slug });
    expect(overview.projects.map((p) => [p.slug, p.status])).toEqual([
      ["blog", "active"],
      ["portfolio", "active"],
    ]);
  });

  it("Pro teams have no project limit, and slugs are unique within a team", async () => {
    const owner = await insertUser(h);
    const t = await callerFor(owner).teams.create({ name: "Big", slug: uniqueSlug() });
    await makePro(t.id);
    for (const name of ["a1", "a2", "a3", "a4"]) await callerFor(owner).projects.create({ team: t.slug, name });
    await expectTRPCError(callerFor(owner).projects.create({ team: t.slug, name: "A1" }), "CONFLICT", /already has a project/);
    expect(await callerFor(owner).projects.list({ team: t.slug })).toHaveLength(4);
  });

  it("concurrent creations cannot break the Free project limit", async () => {
    const owner = await insertUser(h);
    const t = await callerFor(owner).teams.create({ name: "Race", slug: uniqueSlug() });
    const results = await Promise.allSettled(["p1", "p2", "p3", "p4", "p5"].map((name) => callerFor(owner).projects.create({ team: t.slug, name })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await callerFor(owner).projects.list({ team: t.slug })).toHaveLength(2);
  });
});
