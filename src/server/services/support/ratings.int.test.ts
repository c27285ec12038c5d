import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { startSmtpServer } from "../../../../test/smtp";
import { clock } from "@/lib/clock";
import type { TLocale } from "@/lib/locales";
import type { DbHandle } from "@/server/db/client";
import { supportMessage, supportTicket, teamMember } from "@/server/db/schema";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import { createMailer, type TMailer } from "@/server/integrations/mailer";
import { checkRatingLink, rateTicketByLink } from "./ratings";

const T0 = new Date("2026-12-02T08:00:00Z");
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: TMailer;
let carol: TSessionUser;
let stranger: TSessionUser;
const callerFor = (user: TSessionUser, opts: { now?: Date; locale?: TLocale } = {}) =>
  createCaller(createContextInner({ db: h.db, user, mailer, now: opts.now ?? T0, locale: opts.locale ?? "en" }));

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  const e = err as TRPCError;
  return { code: e.code, message: e.message, reason: (e.cause as { reason?: string } | undefined)?.reason };
}

beforeAll(async () => {
  clock.set(T0);
  h = await openTestDb(6);
  smtp = await startSmtpServer();
  mailer = createMailer(smtp.url, "http://console.test")!;
  carol = await insertUser(h, { role: "support", name: "Carol Support" });
  stranger = await insertUser(h, { name: "Someone Else" });
  await insertTeam(h, { owner: stranger });
});
afterAll(async () => {
  clock.reset();
  await smtp.close();
  await h.close();
});

/** A ticket opened by the team's owner in `locale`, answered and resolved by staff (the resolution e-mail goes out). */
async function resolvedTicket(locale: TLocale = "en") {
  const fx = await insertTeam(h);
  const member = await insertUser(h, { name: "Dave Member" });
  await h.db.insert(teamMember).values({ teamId: fx.team.id, userId: member.id, role: "member" });
  const t = await callerFor(fx.owner, { locale }).tickets.create({
    team: fx.team.slug,
    subject: "Payment pending",
    description: "It has been pending for an hour.",
    category: "billing",
    priority: "normal",
  });
  await callerFor(carol).support.reply({ ticketId: t.ticket_id, message: "It went through now." });
  await callerFor(carol).support.setStatus({ ticketId: t.ticket_id, status: "resolved" });
  const mail = smtp.received.filter((m) => m.to.includes(fx.owner.email) && /ticket-rating/.test(m.text)).at(-1);
  const token = mail ? /ticket-rating\/[^?\s]+\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] : undefined;
  return { ...fx, member, ticketId: t.ticket_id, mail, token };
}

describe("tickets.rate", () => {
  it("the requester rates the resolved ticket once (another member may not); a second rating is a 409; the ticket shows the rating", async () => {
    const fx = await resolvedTicket();
    // The ticket tells each reader whether the rating is theirs to give: the page shows the form to the requester only.
    expect((await callerFor(fx.owner).tickets.get({ team: fx.team.slug, ticketId: fx.ticketId })).requested_by_you).toBe(true);
    expect((await callerFor(fx.member).tickets.get({ team: fx.team.slug, ticketId: fx.ticketId })).requested_by_you).toBe(false);
    expect((await callerFor(carol).support.ticket({ ticketId: fx.ticketId })).requested_by_you).toBe(false);
    expect(await refusal(callerFor(fx.member).tickets.rate({ team: fx.team.slug, ticketId: fx.ticketId, score: 1 }))).toEqual({
      code: "FORBIDDEN",
      message: "Only the person who opened this ticket may rate it.",
      reason: "not_requester",
    });
    const r = await callerFor(fx.owner).tickets.rate({ team: fx.team.slug, ticketId: fx.ticketId, score: 5, comment: "Quick and clear" });
    expect(r).toEqual({ ticket_id: fx.ticketId, score: 5, comment: "Quick and clear", rated_at: T0 });
    expect(await refusal(callerFor(fx.owner).tickets.rate({ team: fx.team.slug, ticketId: fx.ticketId, score: 1 }))).toEqual({
      code: "CONFLICT",
      message: "This ticket has already been rated; a rating is given once.",
      reason: "already_rated",
    });
    const view = await callerFor(fx.owner).tickets.get({ team: fx.team.slug, ticketId: fx.ticketId });
    expect(view.rating).toEqual({ score: 5, comment: "Quick and clear", rated_at: T0 });
    // The link of the resolution e-mail died with the rating.
    expect(await checkRatingLink(h.db, { ticketId: fx.ticketId, token: fx.token! })).toEqual({ valid: false, language: null });
  });

  it("before resolution is a 409; another team's user gets 404; a score outside 1 to 5 is a 400", async () => {
    const fx = await insertTeam(h);
    const t = await callerFor(fx.owner).tickets.create({ team: fx.team.slug, subject: "Question", description: "How?", category: "other", priority: "low" });
    expect(await refusal(callerFor(fx.owner).tickets.rate({ team: fx.team.slug, ticketId: t.ticket_id, score: 4 }))).toMatchObject({
      code: "CONFLICT",
      reason: "ticket_not_resolved",
    });
    expect((await refusal(callerFor(stranger).tickets.rate({ team: fx.team.slug, ticketId: t.ticket_id, score: 4 }))).code).toBe("NOT_FOUND");
    const other = await insertTeam(h, { owner: await insertUser(h) });
    expect((await refusal(callerFor(other.owner).tickets.rate({ team: other.team.slug, ticketId: t.ticket_id, score: 4 }))).code).toBe("NOT_FOUND");
    expect((await refusal(callerFor(fx.owner).tickets.rate({ team: fx.team.slug, ticketId: t.ticket_id, score: 6 }))).code).toBe("BAD_REQUEST");
    const [row] = await h.db.select({ ratedAt: supportTicket.ratedAt }).from(supportTicket).where(eq(supportTicket.id, t.ticket_id));
    expect(row!.ratedAt).toBeNull();
  });
});

describe("the rating link of the resolution e-mail", () => {
  it("is sent in the ticket's language, works once, and only for its ticket", async () => {
    const fx = await resolvedTicket("fr");
    const other = await resolvedTicket("en");
    expect(fx.mail!.text).toContain("comme résolu");
    expect(fx.mail!.text).toContain(`http://console.test/api/ticket-rating/${fx.ticketId}?token=`);
    expect(other.mail!.text).toContain("as resolved");
    const [stored] = await h.db.select({ hash: supportTicket.ratingTokenHash }).from(supportTicket).where(eq(supportTicket.id, fx.ticketId));
    expect(stored!.hash).not.toContain(fx.token!);

    expect(await checkRatingLink(h.db, { ticketId: fx.ticketId, token: fx.token! })).toEqual({ valid: true, language: "fr" });
    // Another ticket's token, or a made-up one, rates nothing.
    await expect(rateTicketByLink(h.db, { ticketId: fx.ticketId, token: other.token!, score: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      reason: "invalid_rating_link",
    });
    await expect(rateTicketByLink(h.db, { ticketId: fx.ticketId, token: "x".repeat(43), score: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const rated = await rateTicketByLink(h.db, { ticketId: fx.ticketId, token: fx.token!, score: 4, comment: "Merci", now: T0 });
    expect(rated).toMatchObject({ ticket_id: fx.ticketId, score: 4, comment: "Merci", language: "fr" });
    const [row] = await h.db.select().from(supportTicket).where(eq(supportTicket.id, fx.ticketId));
    expect(row).toMatchObject({ ratingScore: 4, ratedBy: fx.owner.id, ratingTokenHash: null });
    // Once only.
    await expect(rateTicketByLink(h.db, { ticketId: fx.ticketId, token: fx.token!, score: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await checkRatingLink(h.db, { ticketId: fx.ticketId, token: fx.token! })).toEqual({ valid: false, language: null });
    // The other ticket's own link still works.
    await expect(rateTicketByLink(h.db, { ticketId: other.ticketId, token: other.token!, score: 2 })).resolves.toMatchObject({ score: 2 });
  });
});

describe("the requester's language", () => {
  it("is kept on the ticket from the request's language and used for the system messages and support replies' e-mails", async () => {
    const fx = await insertTeam(h);
    const t = await callerFor(fx.owner, { locale: "fr" }).tickets.create({
      team: fx.team.slug,
      subject: "Projet suspendu",
      description: "J'ai payé mais je suis suspendu.",
      category: "billing",
      priority: "normal",
    });
    const view = await callerFor(fx.owner).tickets.get({ team: fx.team.slug, ticketId: t.ticket_id });
    expect(view.language).toBe("fr");
    // The staff member reads English, the team French.
    await callerFor(carol, { locale: "en" }).support.grantCredit({ ticketId: t.ticket_id, amount: 1, reason: "Geste commercial" });
    const messages = await h.db
      .select({ type: supportMessage.authorType, text: supportMessage.message })
      .from(supportMessage)
      .where(eq(supportMessage.ticketId, t.ticket_id));
    // Intl writes French amounts with a narrow no-break space.
    expect(messages.find((m) => m.type === "system")!.text.replace(/[\u202f\u00a0]/g, " ")).toBe(
      "Le support Servelink a ajouté un crédit de 1,00 € au solde de votre équipe. Motif : Geste commercial",
    );
    await callerFor(carol).support.reply({ ticketId: t.ticket_id, message: "C'est fait." });
    const reply = smtp.received.filter((m) => m.to.includes(fx.owner.email)).at(-1);
    expect(reply!.text).toContain("Le support Servelink a répondu");
  });
});

describe("satisfaction in the stats", () => {
  it("averages the ratings of the last 30 days and gives the share of 4s and 5s", async () => {
    const fx = await insertTeam(h);
    const ids: string[] = [];
    for (const subject of ["One", "Two", "Three", "Four"]) {
      const t = await callerFor(fx.owner).tickets.create({ team: fx.team.slug, subject, description: "…", category: "other", priority: "low" });
      await callerFor(carol).support.setStatus({ ticketId: t.ticket_id, status: "resolved" });
      ids.push(t.ticket_id);
    }
    const day = 86_400_000;
    const rate = (i: number, score: number, ageDays: number) =>
      callerFor(fx.owner, { now: new Date(T0.getTime() - ageDays * day) }).tickets.rate({ team: fx.team.slug, ticketId: ids[i]!, score });
    await rate(0, 5, 1);
    await rate(1, 4, 10);
    await rate(2, 2, 29);
    await rate(3, 1, 31); // outside the window
    const stats = await callerFor(fx.owner).tickets.stats({ team: fx.team.slug });
    expect(stats.satisfaction).toEqual({ window_days: 30, ratings: 3, average: 3.67, satisfied_share: 0.6667 });
    // Another team's stats hold none of these ratings.
    const empty = await callerFor(stranger).tickets.stats({ team: (await insertTeam(h, { owner: stranger })).team.slug });
    expect(empty.satisfaction).toEqual({ window_days: 30, ratings: 0, average: null, satisfied_share: null });
  });
});
