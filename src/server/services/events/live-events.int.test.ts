import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { readSse } from "../../../../test/sse";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { openDatabase, rowsOf, type DbHandle } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { liveEvent, payment, teamMember } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { applyPaymentUpdate } from "@/server/services/payments/payment-state";
import { writeNotifications } from "@/server/services/notifications/write-notifications";
import { authenticateApiToken, createApiToken, revokeApiToken } from "@/server/services/tokens/api-tokens";
import { LiveEventHub } from "./hub";
import { latestLiveEventId, pruneLiveEvents, type TLiveEvent } from "./live-events";
import { openLiveEventStream } from "./stream";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let hub: LiveEventHub;
let carol: TSessionUser;
const callerFor = (user: TSessionUser) => createCaller(createContextInner({ db: h.db, user }));

beforeAll(async () => {
  h = await openTestDb(6);
  hub = new LiveEventHub(h.db, h.listen, { pruneEveryMs: 0 });
  await hub.start();
  carol = await insertUser(h, { role: "support", name: "Carol Support" });
});
afterAll(async () => {
  await hub.stop();
  await h.close();
});

async function eventsOfTeam(teamId: string) {
  return h.db.select().from(liveEvent).where(eq(liveEvent.teamId, teamId)).orderBy(liveEvent.id);
}

async function insertPendingPro(teamId: string) {
  const id = newId("pay");
  await h.db.insert(payment).values({ id, teamId, purpose: "plan_upgrade", amountMinor: 300, paymentMethod: "mobile_money" });
  return id;
}

/** What a subscriber of `user` receives of what is committed from now on (the hub may still be sending earlier tests' events), collected. */
async function collect(userId: string) {
  const after = await latestLiveEventId(h.db);
  const got: TLiveEvent[] = [];
  const unsubscribe = hub.subscribe({ userId, deliver: (events) => got.push(...events.filter((e) => e.id > after)) });
  return { got, unsubscribe };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const idsOf = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe("live events: written with the change", () => {
  it("a completed Pro payment raises payment.updated, plan.changed and notification.created in its transaction", async () => {
    const { team } = await insertTeam(h);
    const paymentId = await insertPendingPro(team.id);
    const before = await eventsOfTeam(team.id);
    await applyPaymentUpdate(h.db, paymentId, { status: "completed", source: "webhook" });
    const after = (await eventsOfTeam(team.id)).slice(before.length);
    expect(after.map((e) => e.type).sort()).toEqual(["notification.created", "payment.updated", "plan.changed"]);
    expect(after.find((e) => e.type === "payment.updated")!.data).toEqual({ id: paymentId, status: "completed", purpose: "plan_upgrade", reason: null });
    expect(after.find((e) => e.type === "plan.changed")!.data).toMatchObject({ plan_id: "pay_as_you_go", status: "active" });
    expect(after.every((e) => e.audience === "team")).toBe(true);
  });

  it("a failure carries its reason", async () => {
    const { team } = await insertTeam(h);
    const paymentId = await insertPendingPro(team.id);
    await applyPaymentUpdate(h.db, paymentId, { status: "failed", failureReason: "insufficient_funds", source: "webhook" });
    const [e] = (await eventsOfTeam(team.id)).filter((x) => x.type === "payment.updated" && x.data.status === "failed");
    expect(e!.data).toEqual({ id: paymentId, status: "failed", purpose: "plan_upgrade", reason: "insufficient_funds" });
  });

  it("an event rolls back with its change: nothing is stored, nothing reaches a stream", async () => {
    const { team, owner } = await insertTeam(h);
    const paymentId = await insertPendingPro(team.id);
    const before = await eventsOfTeam(team.id);
    const sub = await collect(owner.id);
    await expect(
      h.db.transaction(async (tx) => {
        await tx.update(payment).set({ status: "processing" }).where(eq(payment.id, paymentId));
        expect(rowsOf(await tx.execute(sql`select 1 from live_event where team_id = ${team.id} and type = 'payment.updated'`))).toHaveLength(2);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await eventsOfTeam(team.id)).toEqual(before);
    // A later committed change does reach the stream, and is the only one.
    await h.db.update(payment).set({ status: "processing" }).where(eq(payment.id, paymentId));
    await until(() => sub.got.length > 0);
    sub.unsubscribe();
    expect(sub.got.map((e) => [e.type, e.data.status])).toEqual([["payment.updated", "processing"]]);
  });

  it("a usage alert raises notification.created and usage.level; a user's own notice goes to that user only", async () => {
    const { team, owner } = await insertTeam(h);
    const dave = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: dave.id, role: "member" });
    const now = clock.now();
    await writeNotifications(
      h.db,
      [
        { teamId: team.id, kind: "usage.warning", title: "80 %", body: "Traffic at 80 %", metric: "traffic", threshold: 80, period: "2026-12" },
        { teamId: team.id, userId: dave.id, kind: "webhook.disabled", title: "Disabled", body: "An endpoint was disabled" },
      ],
      { now },
    );
    const events = await eventsOfTeam(team.id);
    expect(events.find((e) => e.type === "usage.level")!.data).toEqual({ metric: "traffic", level: "warning", threshold: 80, period: "2026-12" });
    const own = events.find((e) => e.type === "notification.created" && e.audience === "user")!;
    expect(own.userId).toBe(dave.id);
    const ownerSub = await collect(owner.id);
    const daveSub = await collect(dave.id);
    await writeNotifications(h.db, [{ teamId: team.id, userId: dave.id, kind: "webhook.disabled", title: "Disabled", body: "Again" }], { now });
    await until(() => daveSub.got.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    ownerSub.unsubscribe();
    daveSub.unsubscribe();
    expect(daveSub.got.map((e) => e.type)).toEqual(["notification.created"]);
    expect(ownerSub.got).toEqual([]);
  });
});

describe("live events: membership per event", () => {
  it("bob's stream never gets acme's events; staff get the internal note, acme's owner the public reply only", async () => {
    const acme = await insertTeam(h);
    const hobby = await insertTeam(h);
    const ticket = await callerFor(acme.owner).tickets.create({
      team: acme.team.slug,
      subject: "App does not start",
      description: "The container exits at once.",
      category: "technical",
      priority: "normal",
    });
    const alice = await collect(acme.owner.id);
    const bob = await collect(hobby.owner.id);
    const staff = await collect(carol.id);
    await callerFor(carol).support.reply({ ticketId: ticket.ticket_id, message: "Looks like a bad image.", internal: true });
    await callerFor(carol).support.reply({ ticketId: ticket.ticket_id, message: "Could you send the logs?" });
    await until(() => staff.got.filter((e) => e.type === "ticket.message").length === 2 && alice.got.some((e) => e.type === "ticket.message"));
    // bob's own team's change after acme's: when it reaches him, acme's would have too.
    const hobbyPayment = await insertPendingPro(hobby.team.id);
    await until(() => bob.got.length > 0 && staff.got.some((e) => e.data.id === hobbyPayment));
    for (const s of [alice, bob, staff]) s.unsubscribe();

    expect(bob.got.every((e) => e.teamId === hobby.team.id)).toBe(true);
    expect(bob.got.map((e) => e.type)).toEqual(["payment.updated"]);
    const staffMessages = staff.got.filter((e) => e.type === "ticket.message");
    expect(staffMessages.map((e) => [e.audience, e.data.internal])).toEqual([
      ["staff", true],
      ["team", false],
    ]);
    const aliceMessages = alice.got.filter((e) => e.type === "ticket.message");
    expect(aliceMessages.map((e) => e.data.internal)).toEqual([false]);
    expect(alice.got.some((e) => e.audience === "staff")).toBe(false);
    expect(alice.got.some((e) => e.type === "ticket.status" && e.data.status === "in_progress")).toBe(true);
  });

  it("a member removed from a team stops receiving its events at once", async () => {
    const { team, owner } = await insertTeam(h);
    const dave = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: dave.id, role: "member" });
    const daveSub = await collect(dave.id);
    const ownerSub = await collect(owner.id);
    await insertPendingPro(team.id);
    await until(() => daveSub.got.length === 1);
    await h.db.delete(teamMember).where(and(eq(teamMember.teamId, team.id), eq(teamMember.userId, dave.id)));
    await insertPendingPro(team.id);
    await until(() => ownerSub.got.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    daveSub.unsubscribe();
    ownerSub.unsubscribe();
    expect(daveSub.got).toHaveLength(1);
  });
});

describe("live events: the stream", () => {
  it("resumed with Last-Event-ID, a dropped stream misses nothing: the replay, then what is committed meanwhile, each once", async () => {
    const { team, owner } = await insertTeam(h);
    const other = await insertTeam(h);
    const first = await insertPendingPro(team.id);
    const [mark] = (await eventsOfTeam(team.id)).filter((e) => e.data.id === first);
    // While the reader is away: five of its team's events and one of another team's.
    for (let i = 0; i < 5; i++) await insertPendingPro(team.id);
    await insertPendingPro(other.team.id);
    const stream = openLiveEventStream({ db: h.db, hub, userId: owner.id, lastEventId: mark!.id, isStillValid: async () => true });
    // One more committed while the replay is read.
    const late = insertPendingPro(team.id);
    await late;
    const expected = (await eventsOfTeam(team.id)).filter((e) => e.id > mark!.id).map((e) => e.id);
    expect(expected).toHaveLength(6);
    const text = await readSse(stream, (t) => idsOf(t).length >= 6 && idsOf(t).includes(expected.at(-1)!));
    await new Promise((r) => setTimeout(r, 100));
    expect(idsOf(text)).toEqual(expected);
    expect(text).toMatch(/^retry: 3000$/m);
    expect(text).toContain(`event: payment.updated\ndata: {"id":"`);
    expect(text).toContain(`"team_id":"${team.id}"`);
    expect(text).not.toContain(other.team.id);
  });

  it("an ended session closes the stream cleanly at the next heartbeat, with an end event", async () => {
    const { owner } = await insertTeam(h);
    let valid = true;
    const stream = openLiveEventStream({ db: h.db, hub, userId: owner.id, lastEventId: null, isStillValid: async () => valid, heartbeatMs: 50 });
    const before = hub.openStreams;
    valid = false;
    const text = await readSse(stream, () => false, 3000);
    expect(text).toContain(": heartbeat\n\n");
    expect(text.endsWith("event: end\ndata: {}\n\n")).toBe(true);
    expect(hub.openStreams).toBe(before - 1);
  });

  it("a revoked token closes its stream at the next heartbeat; another team's event meanwhile never reached it", async () => {
    const { team, owner } = await insertTeam(h);
    const other = await insertTeam(h);
    const created = await createApiToken(h.db, { userId: owner.id, name: "stream" });
    const stream = openLiveEventStream({
      db: h.db,
      hub,
      userId: owner.id,
      lastEventId: null,
      // As GET /api/events checks a Bearer caller: the token still authenticates this user.
      isStillValid: async () => (await authenticateApiToken(h.db, created.token))?.id === owner.id,
      heartbeatMs: 200,
    });
    const reading = readSse(stream, () => false, 5000);
    await new Promise((r) => setTimeout(r, 300));
    const mine = await insertPendingPro(team.id);
    const theirs = await insertPendingPro(other.team.id);
    await new Promise((r) => setTimeout(r, 300));
    await revokeApiToken(h.db, { userId: owner.id, tokenId: created.id });
    const text = await reading;
    expect(text).toContain(mine);
    expect(text).not.toContain(theirs);
    expect(text.endsWith("event: end\ndata: {}\n\n")).toBe(true);
  });

  it("events older than the replay window are pruned", async () => {
    const { team } = await insertTeam(h);
    await insertPendingPro(team.id);
    await h.db.execute(sql`update live_event set created_at = now() - interval '11 minutes' where team_id = ${team.id}`);
    expect(await pruneLiveEvents(h.db)).toBeGreaterThanOrEqual(1);
    expect(await eventsOfTeam(team.id)).toEqual([]);
  });
});

describe("live events on the embedded database", () => {
  it("PGlite raises, listens and fans out too", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "servelink-live-"));
    const lite = await openDatabase({ pgliteDir: dir });
    try {
      await migrateDatabase(lite);
      const liteHub = new LiveEventHub(lite.db, lite.listen, { pruneEveryMs: 0 });
      await liteHub.start();
      const owner = await insertUser(lite);
      const fx = await insertTeam(lite, { owner });
      const got: TLiveEvent[] = [];
      liteHub.subscribe({ userId: owner.id, deliver: (events) => got.push(...events) });
      await lite.db.insert(payment).values({ id: newId("pay"), teamId: fx.team.id, purpose: "plan_upgrade", amountMinor: 300, paymentMethod: "mobile_money" });
      await until(() => got.length > 0);
      expect(got.map((e) => [e.type, e.teamId])).toEqual([["payment.updated", fx.team.id]]);
      await liteHub.stop();
    } finally {
      await lite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
