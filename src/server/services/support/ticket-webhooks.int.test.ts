// Ticket events of the outbound webhooks (spec 18.1): ticket.created, ticket.replied (public replies
// only, never an internal note) and ticket.status_changed, each written in the transaction of the
// change, the app told after the commit (its first attempt comes after the answer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { deliveriesOf, teamWithEndpoint } from "../../../../test/webhook-endpoints";
import type { DbHandle } from "@/server/db/client";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";

let h: DbHandle;
let carol: TSessionUser;
const told: string[] = [];
const callerFor = (user: TSessionUser) =>
  createCallerFactory(appRouter)(createContextInner({ db: h.db, user, onWebhookEvents: (teamId) => told.push(teamId) }));

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_LOOPBACK = "1";
  h = await openTestDb(4);
  carol = await insertUser(h, { role: "support", name: "Carol Support" });
});
afterAll(async () => {
  delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
  await h.close();
});

/** The ticket events an endpoint subscribes to unless a test says otherwise. */
const TICKET_EVENTS = ["ticket.created", "ticket.replied", "ticket.status_changed"];

describe("ticket webhook events", () => {
  it("created, a public reply (with the status it moved), an internal note (nothing), a status change", async () => {
    const { team, owner, endpoint } = await teamWithEndpoint(h, { eventTypes: TICKET_EVENTS });
    told.length = 0;
    const t = await callerFor(owner).tickets.create({
      team: team.slug,
      subject: "App down",
      description: "It exits.",
      category: "technical",
      priority: "normal",
    });
    let ds = await deliveriesOf(h, team.id);
    expect(ds.map((d) => d.type)).toEqual(["ticket.created"]);
    expect(ds[0]).toMatchObject({ status: "pending", endpoint: endpoint.id });
    // The ticket as the list shows it.
    const [listed] = await callerFor(owner).tickets.list({ team: team.slug });
    expect(ds[0]!.payload.type).toBe("ticket.created");
    // (Its SLA's minutes_left is of the moment it was written.)
    const { sla, ...rest } = JSON.parse(JSON.stringify(listed)) as { sla: { due_at: string } };
    expect(ds[0]!.payload.data).toMatchObject({ ...rest, sla: { due_at: sla.due_at } });
    expect(told).toEqual([team.id]);

    // An internal note: no event at all, and nobody told.
    told.length = 0;
    await callerFor(carol).support.reply({ ticketId: t.ticket_id, message: "Internal: looks like OOM", internal: true });
    expect(await deliveriesOf(h, team.id)).toHaveLength(1);
    expect(told).toEqual([]);

    // A public support reply: ticket.replied, and ticket.status_changed (open → in_progress).
    await callerFor(carol).support.reply({ ticketId: t.ticket_id, message: "Looking into it." });
    ds = await deliveriesOf(h, team.id);
    // (Both written at the reply's instant: in either order.)
    expect(
      ds
        .map((d) => d.type)
        .slice(1)
        .sort(),
    ).toEqual(["ticket.replied", "ticket.status_changed"]);
    const of = (type: string) => ds.slice(1).find((d) => d.type === type)!.payload.data;
    expect(of("ticket.replied")).toMatchObject({ id: t.ticket_id, status: "in_progress", reply: { author_type: "support", message: "Looking into it." } });
    expect(JSON.stringify(ds.map((d) => d.payload))).not.toContain("OOM");
    expect(of("ticket.status_changed")).toMatchObject({ id: t.ticket_id, status: "in_progress", previous_status: "open" });
    expect(told).toEqual([team.id]);

    // A reply that leaves the status: ticket.replied only (in_progress → the user replies → waiting moves it; a second support reply does not).
    await callerFor(carol).support.reply({ ticketId: t.ticket_id, message: "Still on it." });
    expect((await deliveriesOf(h, team.id)).map((d) => d.type).slice(3)).toEqual(["ticket.replied"]);

    // The team resolves it: ticket.status_changed; resolving again changes nothing and writes nothing.
    told.length = 0;
    await callerFor(owner).tickets.setStatus({ team: team.slug, ticketId: t.ticket_id, status: "resolved" });
    ds = await deliveriesOf(h, team.id);
    expect(ds.map((d) => d.type).slice(4)).toEqual(["ticket.status_changed"]);
    expect(ds[4]!.payload.data).toMatchObject({ status: "resolved", previous_status: "in_progress" });
    expect(told).toEqual([team.id]);
    told.length = 0;
    await callerFor(owner).tickets.setStatus({ team: team.slug, ticketId: t.ticket_id, status: "resolved" });
    expect(await deliveriesOf(h, team.id)).toHaveLength(5);
    expect(told).toEqual([]);
  });

  it("writes only what an endpoint subscribed to; a team without endpoints gets nothing and nobody is told", async () => {
    const { team, owner } = await teamWithEndpoint(h, { eventTypes: ["ticket.status_changed"] });
    told.length = 0;
    const t = await callerFor(owner).tickets.create({ team: team.slug, subject: "Billing", description: "A question.", category: "billing", priority: "low" });
    await callerFor(owner).tickets.reply({ team: team.slug, ticketId: t.ticket_id, message: "More detail." });
    expect(await deliveriesOf(h, team.id)).toEqual([]);
    expect(told).toEqual([]);
    await callerFor(owner).tickets.setStatus({ team: team.slug, ticketId: t.ticket_id, status: "closed" });
    expect((await deliveriesOf(h, team.id)).map((d) => d.type)).toEqual(["ticket.status_changed"]);

    const bare = await insertTeam(h);
    told.length = 0;
    const t2 = await callerFor(bare.owner).tickets.create({
      team: bare.team.slug,
      subject: "Hello there",
      description: "Hello.",
      category: "technical",
      priority: "low",
    });
    await callerFor(carol).support.reply({ ticketId: t2.ticket_id, message: "Hello back." });
    expect(await deliveriesOf(h, bare.team.id)).toEqual([]);
    expect(told).toEqual([]);
  });
});
