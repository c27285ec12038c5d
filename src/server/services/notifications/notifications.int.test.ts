import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { newId } from "../../../lib/ids";
import type { DbHandle } from "../../db/client";
import { notification } from "../../db/schema";
import { createContextInner, type TSessionUser } from "../../api/context";
import { appRouter } from "../../api/root";
import { createCallerFactory } from "../../api/trpc";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
const callerFor = (user: TSessionUser) => createCaller(createContextInner({ db: h.db, user }));

beforeAll(async () => {
  h = await openTestDb(2);
});
afterAll(async () => {
  await h.close();
});

describe("notifications", () => {
  it("members see their teams' notifications with an unread count, and mark them read; others see none", async () => {
    const { team, owner } = await insertTeam(h);
    const other = await insertUser(h);
    const ids = [newId("ntf"), newId("ntf")];
    await h.db.insert(notification).values(ids.map((id, i) => ({ id, teamId: team.id, kind: "payment.completed", title: `n${i}`, body: "b", createdAt: new Date(Date.now() + i) })));
    const list = await callerFor(owner).notifications.list();
    expect(list.unread).toBe(2);
    expect(list.notifications.map((n) => n.title)).toEqual(["n1", "n0"]);
    expect(await callerFor(other).notifications.list()).toEqual({ notifications: [], unread: 0 });
    expect(await callerFor(other).notifications.markRead({ ids })).toEqual({ marked: 0 });
    expect(await callerFor(owner).notifications.markRead({ ids: [ids[0]!] })).toEqual({ marked: 1 });
    expect((await callerFor(owner).notifications.list()).unread).toBe(1);
    await callerFor(owner).notifications.markRead({});
    expect((await callerFor(owner).notifications.list()).unread).toBe(0);
  });
});
