import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import type { DbHandle } from "@/server/db/client";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";

const createCaller = createCallerFactory(appRouter);
const NOW = new Date("2026-03-15T12:00:00Z");
let h: DbHandle;
const callerFor = (user: TSessionUser | null) => createCaller(createContextInner({ db: h.db, user, now: NOW }));

beforeAll(async () => {
  h = await openTestDb(32);
});
afterAll(async () => {
  await h.close();
});

async function errorOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  const e = err as TRPCError;
  return { status: getHTTPStatusCodeFromError(e), code: e.code, message: e.message };
}

describe("admin.revenue", () => {
  it("answers the global role admin with the report at the context's instant", async () => {
    const admin = await insertUser(h, { role: "admin" });
    await insertTeam(h, { plan: "pay_as_you_go" });
    const r = await callerFor(admin).admin.revenue();
    expect(r.payingTeams).toBe(1);
    expect(r.revenue[0]).toEqual({ currency: "EUR", proTeams: 1, proMinor: 300, addonsMinor: 0, totalMinor: 300 });
    expect(r.monthStart).toEqual(new Date("2026-03-01T00:00:00Z"));
  });

  it("is a 404 for everyone else, team owners and support staff included, as if it did not exist", async () => {
    const owner = (await insertTeam(h, { plan: "pay_as_you_go" })).owner;
    const support = await insertUser(h, { role: "support" });
    for (const user of [owner, support]) {
      expect(await errorOf(callerFor(user).admin.revenue())).toEqual({ status: 404, code: "NOT_FOUND", message: "Not found." });
    }
    expect((await errorOf(callerFor(null).admin.revenue())).status).toBe(401);
  });
});
