import { and, count, desc, eq, gt, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { billingProfile, notification, notificationRead, team, teamMember, user } from "@/server/db/schema";
import { formatMoney } from "@/lib/format";
import { sendQuietly, type TMailer } from "@/server/integrations/mailer";
import { clock } from "@/lib/clock";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/locales";
import { emailLocale } from "@/lib/locale-negotiation";
import { renderNotification } from "@/lib/notification-text";
import { noticeMail } from "./mail-text";

/** The notifications a user sees: their teams' (user_id null) and their own. */
function visibleTo(userId: string) {
  return and(
    sql`${notification.teamId} in (select team_id from team_member where user_id = ${userId})`,
    or(isNull(notification.userId), eq(notification.userId, userId)),
  );
}

/**
 * The notifications a user sees, newest first, each read or not for this user (spec 13: read state
 * is per reader), each written out in the reader's language (spec 14.6; English by default).
 */
export async function listNotifications(db: Db, input: { userId: string; limit?: number; locale?: TLocale }) {
  const readBy = and(eq(notificationRead.notificationId, notification.id), eq(notificationRead.userId, input.userId));
  const rows = await db
    .select({
      id: notification.id,
      team_id: notification.teamId,
      kind: notification.kind,
      metric: notification.metric,
      threshold: notification.threshold,
      period: notification.period,
      title: notification.title,
      body: notification.body,
      data: notification.data,
      read_at: notificationRead.readAt,
      created_at: notification.createdAt,
    })
    .from(notification)
    .leftJoin(notificationRead, readBy)
    .where(visibleTo(input.userId))
    .orderBy(desc(notification.createdAt))
    .limit(input.limit ?? 50);
  const locale = input.locale ?? DEFAULT_LOCALE;
  // The parameters stay on the server: the reader gets the sentences.
  const notifications = rows.map(({ data, ...n }) => ({ ...n, ...renderNotification({ kind: n.kind, data, title: n.title, body: n.body }, locale) }));
  const [{ unread } = { unread: 0 }] = await db
    .select({ unread: count() })
    .from(notification)
    .leftJoin(notificationRead, readBy)
    .where(and(visibleTo(input.userId), isNull(notificationRead.readAt)));
  return { notifications, unread };
}

/** Marks notifications read for this user only (ones they can see); `ids` omitted marks all. */
export async function markNotificationsRead(db: Db, input: { userId: string; ids?: string[]; now?: Date }) {
  const now = input.now ?? clock.now();
  const targets = db
    .select({
      notificationId: notification.id,
      userId: sql<string>`${input.userId}`.as("user_id"),
      readAt: sql<Date>`${now.toISOString()}::timestamptz`.as("read_at"),
    })
    .from(notification)
    .where(and(visibleTo(input.userId), input.ids ? inArray(notification.id, input.ids) : undefined));
  const rows = await db.insert(notificationRead).select(targets).onConflictDoNothing().returning({ id: notificationRead.notificationId });
  return { marked: rows.length };
}

/**
 * The owners and admins of these teams with the language each one's e-mails are in (spec 14.6:
 * their own choice, else the team's document language, else French for a francophone billing
 * country, else English), in one read: a nightly run e-mails thousands of teams.
 */
async function noticeRecipients(db: Db, teamIds: string[]): Promise<Map<string, Map<TLocale, string[]>>> {
  const rows = await db
    .select({ teamId: teamMember.teamId, email: user.email, userLocale: user.locale, country: billingProfile.country })
    .from(teamMember)
    .innerJoin(user, eq(user.id, teamMember.userId))
    .leftJoin(billingProfile, eq(billingProfile.teamId, teamMember.teamId))
    .where(and(inArray(teamMember.teamId, teamIds), inArray(teamMember.role, ["owner", "admin"])));
  const byTeam = new Map<string, Map<TLocale, string[]>>();
  for (const r of rows) {
    // Spec 16 gives a team its document language; until then there is none to pass.
    const locale = emailLocale({ userLocale: r.userLocale, documentLocale: null, country: r.country });
    const team = byTeam.get(r.teamId) ?? new Map<TLocale, string[]>();
    team.set(locale, [...(team.get(locale) ?? []), r.email]);
    byTeam.set(r.teamId, team);
  }
  return byTeam;
}

/**
 * E-mails the given notifications to their teams' owners and admins (SMTP), once: each is marked
 * `emailed_at` first, so a second run sends nothing. Each recipient reads it in their language:
 * one message per notification and language. Answers how many notifications went out.
 */
export async function emailNotifications(db: Db, mailer: TMailer | null | undefined, ids: string[]): Promise<number> {
  if (!mailer || ids.length === 0) return 0;
  const claimed = await db
    .update(notification)
    .set({ emailedAt: clock.now() })
    .where(and(inArray(notification.id, ids), isNull(notification.emailedAt)))
    .returning({
      id: notification.id,
      teamId: notification.teamId,
      kind: notification.kind,
      data: notification.data,
      title: notification.title,
      body: notification.body,
    });
  if (claimed.length === 0) return 0;
  const teamIds = [...new Set(claimed.map((n) => n.teamId))];
  const recipients = await noticeRecipients(db, teamIds);
  const slugs = new Map((await db.select({ id: team.id, slug: team.slug }).from(team).where(inArray(team.id, teamIds))).map((t) => [t.id, t.slug]));
  let sent = 0;
  for (const n of claimed) {
    let delivered = false;
    for (const [locale, to] of recipients.get(n.teamId) ?? []) {
      const topUp = topUpLink(n, slugs.get(n.teamId), mailer.consoleUrl, locale);
      if (await sendQuietly(mailer, { ...noticeMail(renderNotification(n, locale), locale, topUp), to, locale })) delivered = true;
    }
    if (delivered) sent++;
  }
  return sent;
}

/** A low-balance reminder's one-click top-up (spec 15): the Billing page with its amount filled in, the remembered number pre-selected there. */
function topUpLink(n: { kind: string; data: unknown }, slug: string | undefined, consoleUrl: string | undefined, locale: TLocale) {
  if (n.kind !== "balance.low" || !slug || !consoleUrl) return undefined;
  const d = (n.data ?? {}) as { amount_minor?: unknown; currency?: unknown };
  if (typeof d.amount_minor !== "number" || typeof d.currency !== "string") return undefined;
  return { amount: formatMoney(d.amount_minor, d.currency, locale), url: `${consoleUrl}/teams/${slug}/billing?top_up=${d.amount_minor}` };
}

/**
 * E-mails a team's payment notices not e-mailed yet (spec 7.1: the confirmation "and e-mail"):
 * what the payment status machine and Stripe's events wrote in the last day. Run after the answer
 * of whatever moved a payment (webhooks, the status check, reconciliation); `emailNotifications`
 * claims each notice first, so concurrent or repeated calls send it once.
 */
export async function emailPaymentNotices(db: Db, mailer: TMailer | null | undefined, teamId: string, now = clock.now()): Promise<number> {
  if (!mailer) return 0;
  const rows = await db
    .select({ id: notification.id })
    .from(notification)
    .where(
      and(
        eq(notification.teamId, teamId),
        isNull(notification.emailedAt),
        // A top-up's completion may renew a past-due item from the balance (spec 15): its notice goes with the payment's.
        or(like(notification.kind, "payment.%"), like(notification.kind, "plan.card_billing%"), like(notification.kind, "subscription.%")),
        gt(notification.createdAt, new Date(now.getTime() - 86_400_000)),
      ),
    );
  return emailNotifications(
    db,
    mailer,
    rows.map((r) => r.id),
  );
}
