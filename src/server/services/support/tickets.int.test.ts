import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { startSmtpServer } from "../../../../test/smtp";
import { newId } from "@/lib/ids";
import type { DbHandle } from "@/server/db/client";
import { supportTicket } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { createMailer, type TMailer } from "@/server/integrations/mailer";

const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: TMailer;
const callerFor = (user: TSessionUser) => createCaller(createContextInner({ db: h.db, user, mailer }));

async function code(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

let carol: TSessionUser;
beforeAll(async () => {
  h = await openTestDb(8);
  smtp = await startSmtpServer();
  mailer = createMailer(smtp.url)!;
  carol = await insertUser(h, { role: "support", name: "Carol Support" });
});
afterAll(async () => {
  await smtp.close();
  await h.close();
});

async function openTicket(
  opts: { plan?: "free" | "pay_as_you_go"; priority?: "low" | "normal" | "high" | "urgent"; subject?: string; description?: string } = {},
) {
  const fx = await insertTeam(h, { plan: opts.plan ?? "free" });
  const t = await callerFor(fx.owner).tickets.create({
    team: fx.team.slug,
    subject: opts.subject ?? "App does not start",
    description: opts.description ?? "The container exits at once.",
    category: "technical",
    priority: opts.priority ?? "normal",
  });
  // tickets.create answers the notes' shape (as REST does); the tests use the ticket's id.
  return { ...fx, ticket: { ...t, id: t.ticket_id } };
}

describe("tickets: status machine", () => {
  it("support reply → in_progress with first_response_at set once; user reply → waiting; resolve; close; closed refuses", async () => {
    const { team, owner, ticket } = await openTicket();
    const view = () => callerFor(owner).tickets.get({ team: team.slug, ticketId: ticket.id });
    expect((await view()).status).toBe("open");
    expect((await view()).messages.map((m) => [m.author_type, m.message])).toEqual([["user", "The container exits at once."]]);

    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "Looking into it." });
    const afterSupport = await view();
    expect(afterSupport.status).toBe("in_progress");
    const firstResponse = afterSupport.first_response_at;
    expect(firstResponse).toBeInstanceOf(Date);
    expect(afterSupport.assigned_to).toBe(carol.id);

    await callerFor(owner).tickets.reply({ team: team.slug, ticketId: ticket.id, message: "Thanks, any news?" });
    expect((await view()).status).toBe("waiting");
    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "Fixed on our side." });
    const again = await view();
    expect(again.status).toBe("in_progress");
    expect(again.first_response_at).toEqual(firstResponse);

    await callerFor(carol).support.setStatus({ ticketId: ticket.id, status: "resolved" });
    expect((await view()).resolved_at).toBeInstanceOf(Date);
    await callerFor(owner).tickets.reply({ team: team.slug, ticketId: ticket.id, message: "It broke again." });
    expect((await view()).status).toBe("waiting");

    await callerFor(owner).tickets.setStatus({ team: team.slug, ticketId: ticket.id, status: "closed" });
    const closed = await view();
    expect(closed.status).toBe("closed");
    expect(closed.closed_at).toBeInstanceOf(Date);
    const refused = await code(callerFor(owner).tickets.reply({ team: team.slug, ticketId: ticket.id, message: "Hello?" }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/closed and takes no more messages/);
    expect((await code(callerFor(carol).support.reply({ ticketId: ticket.id, message: "x" }))).code).toBe("CONFLICT");
  });

  it("a team may only resolve or close", async () => {
    const { team, owner, ticket } = await openTicket();
    const err = await code(callerFor(owner).tickets.setStatus({ team: team.slug, ticketId: ticket.id, status: "in_progress" }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toBe("A team may only resolve or close its tickets.");
    expect((await callerFor(owner).tickets.setStatus({ team: team.slug, ticketId: ticket.id, status: "resolved" })).status).toBe("resolved");
  });

  it("a Pro team's ticket is at least high, whatever was asked; urgent stays urgent", async () => {
    expect((await openTicket({ plan: "pay_as_you_go", priority: "low" })).ticket.priority).toBe("high");
    expect((await openTicket({ plan: "pay_as_you_go", priority: "urgent" })).ticket.priority).toBe("urgent");
    expect((await openTicket({ plan: "free", priority: "low" })).ticket.priority).toBe("low");
  });
});

describe("internal notes", () => {
  it("are written by staff only and never reach a team member: view, list, search, stats", async () => {
    const { team, owner, ticket } = await openTicket({ subject: "Billing question" });
    // A team member cannot reach the staff side to write one.
    expect((await code(callerFor(owner).support.reply({ ticketId: ticket.id, message: "note", internal: true }))).code).toBe("NOT_FOUND");
    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "Customer looks like a reseller zanzibar", internal: true });
    // Status untouched by a note.
    const staffView = await callerFor(carol).support.ticket({ ticketId: ticket.id });
    expect(staffView.messages.some((m) => m.is_internal && m.message.includes("zanzibar"))).toBe(true);
    const memberView = await callerFor(owner).tickets.get({ team: team.slug, ticketId: ticket.id });
    expect(JSON.stringify(memberView)).not.toContain("zanzibar");
    expect(memberView.messages.every((m) => !("is_internal" in m))).toBe(true);
    expect(JSON.stringify(await callerFor(owner).tickets.list({ team: team.slug }))).not.toContain("zanzibar");
    expect(await callerFor(owner).tickets.search({ team: team.slug, query: "zanzibar" })).toEqual([]);
    expect((await callerFor(carol).support.queue({ query: "zanzibar" })).map((t) => t.id)).toEqual([ticket.id]);
    expect(JSON.stringify(await callerFor(owner).tickets.stats({ team: team.slug }))).not.toContain("zanzibar");
    // The note sent nothing: the next public reply is the first message the SMTP server gets since
    // (a reply's mail is handed to the server before the call returns, so any mail of the note would
    // have arrived before it).
    const before = smtp.received.length;
    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "A public answer after the note" });
    expect(smtp.received.slice(before).map((m) => m.raw.includes("A public answer after the note"))).toEqual([true]);
  });
});

describe("internal notes leave no trace on the team side", () => {
  it("a note moves neither the ticket's status nor its updated_at; a public reply does", async () => {
    const { team, owner, ticket } = await openTicket();
    const seen = async () => {
      const t = await callerFor(owner).tickets.get({ team: team.slug, ticketId: ticket.id });
      const listed = (await callerFor(owner).tickets.list({ team: team.slug })).find((x) => x.id === ticket.id)!;
      return { status: t.status, updated: t.updated_at.toISOString(), listed: listed.updated_at.toISOString(), messages: t.messages.length };
    };
    const before = await seen();
    await new Promise((r) => setTimeout(r, 5)); // so that a moved updated_at would differ
    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "Checking the invoice trail first", internal: true });
    expect(await seen()).toEqual(before);
    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "We are looking into it." });
    const after = await seen();
    expect(after.updated > before.updated).toBe(true);
    expect(after.messages).toBe(before.messages + 1);
  });
});

describe("search", () => {
  it("finds accented and unaccented forms and French word families", async () => {
    const { team, owner, ticket } = await openTicket({ subject: "Problème de déploiement", description: "Impossible de déployer la nouvelle version." });
    const other = await openTicket({ subject: "Question on invoices", description: "Where is my invoice?" });
    for (const q of ["déploiement", "deploiement", "déployer", "DEPLOYER"]) {
      const ids = (await callerFor(owner).tickets.search({ team: team.slug, query: q })).map((t) => t.id);
      expect(ids, q).toEqual([ticket.id]);
    }
    const staffHits = (await callerFor(carol).support.queue({ query: "deploiement" })).map((t) => t.id);
    expect(staffHits).toContain(ticket.id);
    expect(staffHits).not.toContain(other.ticket.id);
    // A word only in a later reply is found too.
    await callerFor(carol).support.reply({ ticketId: other.ticket.id, message: "La facturation est corrigée." });
    expect((await callerFor(other.owner).tickets.search({ team: other.team.slug, query: "facturation" })).map((t) => t.id)).toEqual([other.ticket.id]);
  });
});

describe("stats and SLA", () => {
  it("computes the notes' stats and first-response figures on a known data set", async () => {
    const { team } = await insertTeam(h);
    const u = await insertUser(h);
    const base = new Date("2026-10-01T00:00:00Z");
    const at = (hours: number) => new Date(base.getTime() + hours * 3_600_000);
    const rows = [
      { status: "open", priority: "urgent", created: 0, first: null, resolved: null },
      { status: "in_progress", priority: "high", created: 0, first: 2, resolved: null },
      { status: "resolved", priority: "normal", created: 0, first: 4, resolved: 10 },
      { status: "closed", priority: "normal", created: 0, first: 6, resolved: 30 },
    ] as const;
    for (const r of rows) {
      await h.db.insert(supportTicket).values({
        id: newId("tkt"),
        teamId: team.id,
        userId: u.id,
        subject: `t ${r.status}`,
        description: "d",
        status: r.status,
        priority: r.priority,
        createdAt: at(r.created),
        firstResponseAt: r.first === null ? null : at(r.first),
        resolvedAt: r.resolved === null ? null : at(r.resolved),
        closedAt: r.status === "closed" ? at(31) : null,
      });
    }
    const stats = await callerFor(carol).support.stats({ team: team.slug });
    expect(stats).toEqual({
      by_status: { open: 1, in_progress: 1, resolved: 1, closed: 1 },
      by_priority: { urgent: 1, high: 1, normal: 2 },
      total: 4,
      open: 2,
      closed: 2,
      avg_resolution_hours: 20,
      avg_first_response_hours: 4,
      median_first_response_hours: 4,
      satisfaction: { window_days: 30, ratings: 0, average: null, satisfied_share: null },
    });
    const queue = await callerFor(carol).support.queue({ team: team.slug, status: ["open", "in_progress"] });
    expect(queue.map((t) => t.priority)).toEqual(["urgent", "high"]);
    // Urgent: 1 h target, unanswered for weeks → breached. High: answered after 2 h of 4 → met.
    expect(queue[0]!.sla).toMatchObject({ target_hours: 1, state: "breached" });
    expect(queue[1]!.sla).toMatchObject({ target_hours: 4, state: "met", minutes_left: null });
    // The team filter takes a slug as people type it (any case, spaces around) or an id, as team pages do.
    const typed = await callerFor(carol).support.queue({ team: ` ${team.slug.toUpperCase()} `, status: ["open", "in_progress"] });
    expect(typed.map((t) => t.id)).toEqual(queue.map((t) => t.id));
    expect((await callerFor(carol).support.stats({ team: ` ${team.id} ` })).total).toBe(4);
  });

  it("a fresh ticket shows the time left", async () => {
    const { ticket } = await openTicket({ priority: "normal" });
    const [row] = (await callerFor(carol).support.queue({})).filter((t) => t.id === ticket.id);
    expect(row!.sla.state).toBe("pending");
    expect(row!.sla.minutes_left).toBeGreaterThan(24 * 60 - 5);
  });
});

describe("access", () => {
  it("another team's ticket is 404 for members and visible to staff; the console is 404 for non-staff", async () => {
    const a = await openTicket();
    const b = await insertTeam(h);
    expect((await code(callerFor(b.owner).tickets.get({ team: b.team.slug, ticketId: a.ticket.id }))).code).toBe("NOT_FOUND");
    expect((await code(callerFor(b.owner).tickets.get({ team: a.team.slug, ticketId: a.ticket.id }))).code).toBe("NOT_FOUND");
    expect((await callerFor(carol).tickets.get({ team: a.team.slug, ticketId: a.ticket.id })).id).toBe(a.ticket.id);
    expect((await code(callerFor(a.owner).support.queue({}))).code).toBe("NOT_FOUND");
    // Staff on the team path write as support.
    const m = await callerFor(carol).tickets.reply({ team: a.team.slug, ticketId: a.ticket.id, message: "Support here." });
    expect(m.author_type).toBe("support");
  });
});

describe("e-mail", () => {
  it("a support reply reaches the author with the ticket subject; a user reply reaches the assignee; a note sends nothing", async () => {
    const { team, owner, ticket } = await openTicket({ subject: "Mail test subject" });
    const start = smtp.received.length;
    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "We are on it." });
    const toAuthor = smtp.received.slice(start);
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0]!.to).toEqual([owner.email]);
    expect(toAuthor[0]!.subject).toContain("Mail test subject");
    expect(toAuthor[0]!.raw).toContain("We are on it.");

    await callerFor(owner).tickets.reply({ team: team.slug, ticketId: ticket.id, message: "Thanks!" });
    const toAssignee = smtp.received.slice(start + 1);
    expect(toAssignee.map((m) => m.to)).toEqual([[carol.email]]);

    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "secret note", internal: true });
    // The next public reply is the only mail since: the note sent none (see the test above).
    await callerFor(carol).support.reply({ ticketId: ticket.id, message: "Public follow-up." });
    expect(smtp.received.slice(start + 2).map((m) => m.raw.includes("Public follow-up."))).toEqual([true]);
    expect(smtp.received.some((m) => m.raw.includes("secret note"))).toBe(false);
  });

  it("without SMTP nothing is sent and nothing fails", async () => {
    const { ticket } = await openTicket();
    const start = smtp.received.length;
    const noMail = createCaller(createContextInner({ db: h.db, user: carol, mailer: null }));
    const m = await noMail.support.reply({ ticketId: ticket.id, message: "No mail configured." });
    expect(m.ticket_status).toBe("in_progress");
    expect(smtp.received.length).toBe(start);
  });
});
