import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { startSmtpServer, type TReceivedMail } from "../../../../test/smtp";
import { clock } from "@/lib/clock";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";
import type { DbHandle } from "@/server/db/client";
import { billingProfile, notification, teamMember, teamSubscription } from "@/server/db/schema";
import { createMailer } from "@/server/integrations/mailer";
import { setUserLocale } from "@/server/services/auth/user-locale";
import { expireResources } from "@/server/services/enforcement/expiry";
import { evaluateUsageLimits } from "@/server/services/enforcement/usage-alerts";
import { recordTraffic } from "@/server/services/usage/record-traffic";
import { emailNotifications } from "./notifications";

const GIB = 1024 ** 3;
const createCaller = createCallerFactory(appRouter);
let h: DbHandle;
const callerFor = (user: TSessionUser, headers?: Record<string, string>) =>
  createCaller(createContextInner({ db: h.db, user, headers: headers ? new Headers(headers) : undefined }));

beforeAll(async () => {
  h = await openTestDb(3);
});
afterAll(async () => {
  await h.close();
});

/** A Free team at 90 % of its month's traffic, alerted by the limits run (the real writer). */
async function teamWithTrafficAlert(opts: { country?: string } = {}) {
  const fixture = await insertTeam(h, { plan: "free" });
  if (opts.country) await h.db.insert(billingProfile).values({ teamId: fixture.team.id, currency: "XOF", country: opts.country });
  const now = clock.now();
  await recordTraffic(h.db, { events: [{ project_id: fixture.projects[0]!.id, bytes: Math.ceil(0.9 * 5 * GIB) }] }, { now });
  await evaluateUsageLimits(h.db, { teamIds: [fixture.team.id], now });
  const [alert] = await h.db.select().from(notification).where(eq(notification.teamId, fixture.team.id));
  expect(alert!.kind).toBe("usage.warning");
  return { ...fixture, alert: alert! };
}

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/** An encoded-word subject (RFC 2047, as nodemailer writes non-ASCII ones) as text. */
function decodeSubject(subject: string): string {
  return subject.replace(/\?=\s+=\?/g, "?==?").replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_all, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** The text part of a received message (quoted-printable or plain), decoded. */
function bodyOf(mail: TReceivedMail): string {
  const [head, ...rest] = mail.raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(head!)) return body;
  return Buffer.from(
    body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}

describe("notifications in the reader's language (spec 14.6)", () => {
  it("a French user reads a usage alert in French; an English user reads the same row in English", async () => {
    const { team, owner, alert } = await teamWithTrafficAlert();
    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    await setUserLocale(h.db, owner.id, "fr");
    await setUserLocale(h.db, member.id, "en");

    const french = (await callerFor(owner).notifications.list()).notifications.find((n) => n.id === alert.id)!;
    const english = (await callerFor(member).notifications.list()).notifications.find((n) => n.id === alert.id)!;
    expect(spaces(french.title)).toBe(`${team.slug} : trafic mensuel à 90 % (attention)`);
    expect(spaces(french.body)).toMatch(
      /^Votre équipe a utilisé 4,5 GB sur 5 GB \(90 %\) de son trafic mensuel\. Le quota de trafic repart de zéro le 1 \S+ \d{4} \(UTC\)\. Passez l’équipe au forfait Pro/,
    );
    expect(english.title).toBe(`${team.slug}: monthly traffic at 90% (warning)`);
    expect(english.body).toMatch(
      /^Your team has used 4\.5 GB of 5 GB \(90%\) of its monthly traffic\. The traffic quota resets on [A-Z][a-z]{2} 1, \d{4} \(UTC\)\./,
    );
    // One row: the parameters are stored once, the English kept as the fallback, and never sent to the browser.
    expect(alert.body).toBe(english.body);
    expect(alert.data).toMatchObject({ team_slug: team.slug, metric: "traffic", plan: "free", percent: 90 });
    expect(french).not.toHaveProperty("data");
  });

  it("until a person chooses, their browser's Accept-Language decides; their stored choice wins over it", async () => {
    const { owner, alert } = await teamWithTrafficAlert();
    const title = async (headers?: Record<string, string>) =>
      (await callerFor(owner, headers).notifications.list()).notifications.find((n) => n.id === alert.id)!.title;
    expect(await title({ "accept-language": "fr-CI,fr;q=0.9" })).toMatch(/trafic mensuel/);
    expect(await title()).toMatch(/monthly traffic/);
    await setUserLocale(h.db, owner.id, "en");
    expect(await title({ "accept-language": "fr-FR", cookie: "NEXT_LOCALE=fr" })).toMatch(/monthly traffic/);
  });

  it("a row written before its parameters were stored keeps its English title and body", async () => {
    const { team, owner } = await insertTeam(h);
    await setUserLocale(h.db, owner.id, "fr");
    await h.db.insert(notification).values({
      id: "ntf_old_row_1",
      teamId: team.id,
      kind: "payment.completed",
      title: "Payment received",
      body: "We received 3.00 EUR.",
      data: { payment_id: "pay_x" },
    });
    const [n] = (await callerFor(owner).notifications.list()).notifications;
    expect(n).toMatchObject({ title: "Payment received", body: "We received 3.00 EUR." });
  });
});

describe("e-mails in the recipient's language (spec 14.6)", () => {
  it("an owner with no language of their own in a team billed in Côte d'Ivoire gets the notice in French; an admin who chose English, in English", async () => {
    const smtp = await startSmtpServer();
    try {
      const { team, owner, alert } = await teamWithTrafficAlert({ country: "CI" });
      const admin = await insertUser(h);
      await h.db.insert(teamMember).values({ teamId: team.id, userId: admin.id, role: "admin" });
      await setUserLocale(h.db, admin.id, "en");

      expect(await emailNotifications(h.db, createMailer(smtp.url), [alert.id])).toBe(1);
      expect(smtp.received).toHaveLength(2);
      const toOwner = smtp.received.find((m) => m.to.includes(owner.email))!;
      const toAdmin = smtp.received.find((m) => m.to.includes(admin.email))!;
      expect(toOwner.to).toEqual([owner.email]);
      expect(spaces(decodeSubject(toOwner.subject))).toBe(`[Servelink] ${team.slug} : trafic mensuel à 90 % (attention)`);
      expect(spaces(bodyOf(toOwner))).toMatch(/Votre équipe a utilisé 4,5 GB sur 5 GB \(90 %\) de son trafic mensuel\./);
      expect(toOwner.raw).toMatch(/^Content-Language: fr$/m);
      expect(decodeSubject(toAdmin.subject)).toBe(`[Servelink] ${team.slug}: monthly traffic at 90% (warning)`);
      expect(toAdmin.raw).toMatch(/^Content-Language: en$/m);
    } finally {
      await smtp.close();
    }
  });

  it("the same owner of a team with no billing country gets English", async () => {
    const smtp = await startSmtpServer();
    try {
      const { team, alert } = await teamWithTrafficAlert();
      expect(await emailNotifications(h.db, createMailer(smtp.url), [alert.id])).toBe(1);
      expect(decodeSubject(smtp.received[0]!.subject)).toBe(`[Servelink] ${team.slug}: monthly traffic at 90% (warning)`);
    } finally {
      await smtp.close();
    }
  });
});

describe("reminders written with their parameters", () => {
  it("a Pro reminder stores what its text needs, and one sent before (without them) is not sent again", async () => {
    const now = clock.now();
    const soon = new Date(now.getTime() + 2 * 86_400_000);
    const remindedBefore = await insertTeam(h, { plan: "pay_as_you_go" });
    const fresh = await insertTeam(h, { plan: "pay_as_you_go" });
    for (const t of [remindedBefore, fresh]) await h.db.update(teamSubscription).set({ currentPeriodEnd: soon }).where(eq(teamSubscription.teamId, t.team.id));
    // The row an earlier version wrote: its data is only the period's end, as the database wrote it.
    await h.db.execute(sql`
      insert into notification (id, team_id, kind, title, body, data)
      select 'ntf_old_reminder_1', team_id, 'plan.expiring', 'Pro ends in 3 days or less', 'Your Pro period ends soon.', jsonb_build_object('period_end', current_period_end)
      from team_subscription where team_id = ${remindedBefore.team.id}`);
    await expireResources(h.db, { now });
    const reminders = async (teamId: string) =>
      h.db
        .select()
        .from(notification)
        .where(and(eq(notification.teamId, teamId), eq(notification.kind, "plan.expiring")));
    expect((await reminders(remindedBefore.team.id)).map((n) => n.id)).toEqual(["ntf_old_reminder_1"]);
    const [written] = await reminders(fresh.team.id);
    expect(written!.data).toMatchObject({ days: 3 });
    expect(written!.title).toBe("Pro ends in 3 days or less");
    await setUserLocale(h.db, fresh.owner.id, "fr");
    const [read] = (await callerFor(fresh.owner).notifications.list()).notifications;
    expect(read!.title).toBe("Pro se termine dans 3 jours ou moins");
    // A second run writes nothing more.
    await expireResources(h.db, { now });
    expect(await reminders(fresh.team.id)).toHaveLength(1);
  });
});
