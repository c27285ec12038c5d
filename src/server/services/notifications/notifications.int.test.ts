import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { newId } from "@/lib/ids";
import type { DbHandle } from "@/server/db/client";
import { notification, teamMember } from "@/server/db/schema";
import { createMailer } from "@/server/integrations/mailer";
import { startSmtpServer } from "../../../../test/smtp";
import { emailNotifications } from "./notifications";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { clock } from "@/lib/clock";

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
    await h.db
      .insert(notification)
      .values(
        ids.map((id, i) => ({ id, teamId: team.id, kind: "payment.completed" as const, title: `n${i}`, body: "b", createdAt: new Date(clock.nowMs() + i) })),
      );
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

  it("read state is each reader's own: a member marking everything read leaves the owner's alerts unread", async () => {
    const { team, owner } = await insertTeam(h);
    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    const ids = [newId("ntf"), newId("ntf")];
    await h.db.insert(notification).values(
      ids.map((id, i) => ({
        id,
        teamId: team.id,
        kind: i ? ("usage.critical" as const) : ("usage.warning" as const),
        metric: "traffic",
        threshold: i ? 95 : 80,
        title: `alert ${i}`,
        body: "b",
        period: "2026-12",
      })),
    );
    expect(await callerFor(member).notifications.markRead({})).toEqual({ marked: 2 });
    expect((await callerFor(member).notifications.list()).unread).toBe(0);
    const ownerView = await callerFor(owner).notifications.list();
    expect(ownerView.unread).toBe(2);
    expect(ownerView.notifications.every((n) => n.read_at === null)).toBe(true);
    // Marking again changes nothing.
    expect(await callerFor(member).notifications.markRead({ ids })).toEqual({ marked: 0 });
  });

  it("notices of several teams e-mailed at once each reach their own team's owners and admins, once", async () => {
    const smtp = await startSmtpServer();
    try {
      const a = await insertTeam(h);
      const b = await insertTeam(h);
      const adminOfB = await insertUser(h);
      const memberOfB = await insertUser(h);
      await h.db.insert(teamMember).values([
        { teamId: b.team.id, userId: adminOfB.id, role: "admin" },
        { teamId: b.team.id, userId: memberOfB.id, role: "member" },
      ]);
      const ids = [newId("ntf"), newId("ntf"), newId("ntf")];
      await h.db.insert(notification).values([
        { id: ids[0]!, teamId: a.team.id, kind: "payment.completed", title: "A paid", body: "a" },
        { id: ids[1]!, teamId: b.team.id, kind: "payment.completed", title: "B paid", body: "b" },
        { id: ids[2]!, teamId: b.team.id, kind: "payment.failed", title: "B failed", body: "b" },
      ]);
      const mailer = createMailer(smtp.url);
      expect(await emailNotifications(h.db, mailer, ids)).toBe(3);
      expect(await emailNotifications(h.db, mailer, ids)).toBe(0);
      const to = (subject: string) => smtp.received.filter((m) => m.subject === `[Servelink] ${subject}`).map((m) => [...m.to].sort());
      expect(to("A paid")).toEqual([[a.owner.email]]);
      expect(to("B paid")).toEqual([[b.owner.email, adminOfB.email].sort()]);
      expect(to("B failed")).toEqual([[b.owner.email, adminOfB.email].sort()]);
    } finally {
      await smtp.close();
    }
  });
});
