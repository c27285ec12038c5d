import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { clock } from "@/lib/clock";
import type { TLocale } from "@/lib/locales";
import type { DbHandle } from "@/server/db/client";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";

const T0 = new Date("2026-12-02T08:00:00Z");
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let carol: TSessionUser;
let erin: TSessionUser;
const callerFor = (user: TSessionUser, locale: TLocale = "en") => createCaller(createContextInner({ db: h.db, user, now: T0, locale }));

const REPLY = {
  title_en: "Suspension lifted",
  title_fr: "Suspension levée",
  body_en: "Hello {{name}}, the projects of {{team}} are active again.",
  body_fr: "Bonjour {{name}}, les projets de {{team}} sont de nouveau actifs.",
};

beforeAll(async () => {
  clock.set(T0);
  h = await openTestDb(4);
  carol = await insertUser(h, { role: "support", name: "Carol Support" });
  erin = await insertUser(h, { role: "admin", name: "Erin Admin" });
});
afterAll(async () => {
  clock.reset();
  await h.close();
});

describe("canned replies", () => {
  it("staff create, list, update and delete them; the last editor is kept", async () => {
    const created = await callerFor(carol).support.cannedReplies.create(REPLY);
    expect(created).toMatchObject({ ...REPLY, created_by: carol.id, updated_by: carol.id });
    expect((await callerFor(erin).support.cannedReplies.list()).map((r) => r.id)).toContain(created.id);
    const updated = await callerFor(erin).support.cannedReplies.update({ id: created.id, title_en: "Projects back" });
    expect(updated).toMatchObject({ title_en: "Projects back", title_fr: "Suspension levée", created_by: carol.id, updated_by: erin.id });
    expect(await callerFor(carol).support.cannedReplies.delete({ id: created.id })).toEqual({ id: created.id, deleted: true });
    await expect(callerFor(carol).support.cannedReplies.delete({ id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Canned reply not found.",
    });
    expect((await callerFor(carol).support.cannedReplies.list()).map((r) => r.id)).not.toContain(created.id);
  });

  it("a team member cannot reach them (404) and an empty title is a 400", async () => {
    const fx = await insertTeam(h);
    for (const call of [callerFor(fx.owner).support.cannedReplies.list(), callerFor(fx.owner).support.cannedReplies.create(REPLY)]) {
      const err = await call.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("NOT_FOUND");
    }
    await expect(callerFor(carol).support.cannedReplies.create({ ...REPLY, title_fr: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("renders in the requester's language with {{team}} and {{name}} filled in", async () => {
    const reply = await callerFor(carol).support.cannedReplies.create(REPLY);
    const owner = await insertUser(h, { name: "Bob Hobby" });
    const fx = await insertTeam(h, { owner });
    const fr = await callerFor(owner, "fr").tickets.create({
      team: fx.team.slug,
      subject: "Suspendu",
      description: "Aidez-moi",
      category: "billing",
      priority: "normal",
    });
    const en = await callerFor(owner, "en").tickets.create({
      team: fx.team.slug,
      subject: "Suspended",
      description: "Help",
      category: "billing",
      priority: "normal",
    });
    expect(await callerFor(carol).support.cannedReplies.render({ id: reply.id, ticketId: fr.ticket_id })).toEqual({
      id: reply.id,
      language: "fr",
      title: "Suspension levée",
      body: "Bonjour Bob Hobby, les projets de Fixture team sont de nouveau actifs.",
    });
    expect(await callerFor(carol).support.cannedReplies.render({ id: reply.id, ticketId: en.ticket_id })).toMatchObject({
      language: "en",
      body: "Hello Bob Hobby, the projects of Fixture team are active again.",
    });
  });
});
