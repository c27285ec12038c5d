import { isStaff, type TGlobalRole } from "@/lib/roles";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { effectivePriority, PRIORITY_RANK, RATING_WINDOW_DAYS, slaFor, type TTicketCategory, type TTicketPriority, type TTicketStatus } from "@/lib/support";
import { rowsOf, type Db } from "@/server/db/client";
import { billingProfile, supportMessage, supportTicket, team, user } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { sendQuietly, type TMailer } from "@/server/integrations/mailer";
import { teamByRef, type TTeamAccess } from "@/server/services/teams/teams";
import { moveTicket, type TTicketEvent } from "./ticket-state";
import { ticketReplyMail, ticketResolvedMail } from "@/server/services/notifications/mail-text";
import { newRatingToken, ratingLinkUrl } from "./rating-link";
import { emailLocale } from "@/lib/locale-negotiation";
import { isLocale, type TLocale } from "@/lib/locales";
import { clock } from "@/lib/clock";
import { enqueueEvent } from "@/server/services/webhooks/delivery";

export interface TViewer {
  id: string;
  role: TGlobalRole;
}

type TTicketRow = typeof supportTicket.$inferSelect;

function ticketSummary(t: TTicketRow, now: Date) {
  return {
    id: t.id,
    team_id: t.teamId,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    category: t.category,
    assigned_to: t.assignedTo,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    first_response_at: t.firstResponseAt,
    resolved_at: t.resolvedAt,
    closed_at: t.closedAt,
    language: t.language,
    rating: t.ratedAt && t.ratingScore !== null ? { score: t.ratingScore, comment: t.ratingComment, rated_at: t.ratedAt } : null,
    sla: slaFor(t, now),
  };
}

/**
 * Opens a ticket; the description is its first message. A Pro team's ticket is at least `high`.
 */
export async function createTicket(
  db: Db,
  input: {
    access: TTeamAccess;
    userId: string;
    subject: string;
    description: string;
    category: TTicketCategory;
    priority: TTicketPriority;
    /** The requester's language (spec 19: the ticket's e-mails are written in it); none: their account's, else their team's country's. */
    language?: TLocale;
    /** After the commit, when webhook events were written for the team (spec 18.1): their first attempt, after the answer. */
    onWebhookEvents?: (teamId: string) => void;
  },
) {
  if (input.access.role === null) throw new DomainError("FORBIDDEN", "Only members of the team may open its tickets.", { reason: "insufficient_role" });
  const priority = effectivePriority(input.priority, input.access.plan === "pay_as_you_go");
  const language = input.language ?? (await recipientOf(db, input.userId, input.access.team.id)).locale;
  const { answer, events } = await db.transaction(async (tx) => {
    const [t] = await tx
      .insert(supportTicket)
      .values({
        id: newId("tkt"),
        teamId: input.access.team.id,
        userId: input.userId,
        subject: input.subject.trim(),
        description: input.description.trim(),
        category: input.category,
        priority,
        language,
      })
      .returning();
    await tx
      .insert(supportMessage)
      .values({ id: newId("msg"), ticketId: t!.id, userId: input.userId, authorType: "user", message: input.description.trim(), createdAt: t!.createdAt });
    // The `ticket.created` webhook event (spec 18.1), the ticket as the list shows it, committed with the ticket.
    const events = await enqueueEvent(tx, t!.teamId, "ticket.created", ticketSummary(t!, t!.createdAt), t!.createdAt);
    // The notes' answer, the same over REST and tRPC.
    return { answer: { ticket_id: t!.id, status: t!.status, priority: t!.priority, category: t!.category, created_at: t!.createdAt }, events };
  });
  if (events > 0) input.onWebhookEvents?.(input.access.team.id);
  return answer;
}

/** The team's tickets, newest first, optionally of one status. */
export async function listTeamTickets(db: Db, teamId: string, opts: { status?: TTicketStatus; limit?: number; now?: Date } = {}) {
  const rows = await db
    .select()
    .from(supportTicket)
    .where(and(eq(supportTicket.teamId, teamId), opts.status ? eq(supportTicket.status, opts.status) : undefined))
    .orderBy(desc(supportTicket.createdAt))
    .limit(opts.limit ?? 100);
  const now = opts.now ?? clock.now();
  return rows.map((t) => ticketSummary(t, now));
}

/**
 * A ticket with its conversation. Team members reach only their team's tickets (others: 404) and
 * never see internal notes; staff see every ticket and every message.
 */
export async function getTicket(db: Db, input: { ticketId: string; viewer: TViewer; teamId?: string; now?: Date }) {
  const t = await findTicket(db, input.ticketId, input.viewer, input.teamId);
  const staff = isStaff(input.viewer.role);
  const messages = await db
    .select({
      id: supportMessage.id,
      author_type: supportMessage.authorType,
      message: supportMessage.message,
      is_internal: supportMessage.isInternal,
      created_at: supportMessage.createdAt,
      author_name: user.name,
    })
    .from(supportMessage)
    .leftJoin(user, eq(user.id, supportMessage.userId))
    .where(and(eq(supportMessage.ticketId, t.id), staff ? undefined : eq(supportMessage.isInternal, false)))
    .orderBy(asc(supportMessage.createdAt), asc(supportMessage.id));
  const [teamRow] = await db.select({ slug: team.slug, name: team.name }).from(team).where(eq(team.id, t.teamId));
  return {
    ...ticketSummary(t, input.now ?? clock.now()),
    description: t.description,
    requested_by_you: t.userId === input.viewer.id,
    team: teamRow ?? null,
    // One message shape for every viewer; only staff get `is_internal` (on a note), as REST documents it.
    messages: messages.map((m) => ({
      id: m.id,
      author_type: m.author_type,
      author_name: m.author_name,
      message: m.message,
      created_at: m.created_at,
      ...(m.is_internal ? { is_internal: true as const } : {}),
    })),
  };
}

/** The ticket the viewer may reach (another team's is NOT_FOUND); `lock` reads it FOR UPDATE, in the caller's transaction. */
async function findTicket(db: Db, ticketId: string, viewer: TViewer, teamId?: string, opts: { lock?: boolean } = {}): Promise<TTicketRow> {
  const query = db.select().from(supportTicket).where(eq(supportTicket.id, ticketId)).limit(1);
  const [t] = opts.lock ? await query.for("update") : await query;
  if (!t) throw new DomainError("NOT_FOUND", "Ticket not found.");
  if (teamId && t.teamId !== teamId) throw new DomainError("NOT_FOUND", "Ticket not found.");
  if (!isStaff(viewer.role) && !teamId) throw new DomainError("NOT_FOUND", "Ticket not found.");
  return t;
}

/** A recipient's address and the language their e-mail is in (spec 14.6: theirs, else the ticket's team's country decides). */
async function recipientOf(db: Db, userId: string | null, teamId: string): Promise<{ to: string[]; locale: TLocale }> {
  if (!userId) return { to: [], locale: "en" };
  const [u] = await db
    .select({ email: user.email, locale: user.locale, country: billingProfile.country })
    .from(user)
    .leftJoin(billingProfile, eq(billingProfile.teamId, teamId))
    .where(eq(user.id, userId));
  return u ? { to: [u.email], locale: emailLocale({ userLocale: u.locale, country: u.country }) } : { to: [], locale: "en" };
}

/**
 * Adds a message. Staff write as `support` (and may write internal notes); team members as
 * `user`. The ticket's status moves by the status machine; a closed ticket refuses with 409.
 * After the commit, a public reply e-mails the other side (the author for a support reply, the
 * assignee for a user reply); internal notes never send anything.
 */
export async function addTicketMessage(
  db: Db,
  input: {
    ticketId: string;
    viewer: TViewer;
    teamId?: string;
    message: string;
    isInternal?: boolean;
    mailer?: TMailer | null;
    now?: Date;
    /** After the commit, when webhook events were written for the team (spec 18.1): their first attempt, after the answer. */
    onWebhookEvents?: (teamId: string) => void;
  },
) {
  const staff = isStaff(input.viewer.role);
  if (input.isInternal && !staff) throw new DomainError("FORBIDDEN", "Only support staff may write internal notes.", { reason: "staff_only" });
  const text = input.message.trim();
  if (text.length < 1 || text.length > 20_000) throw new DomainError("BAD_REQUEST", "message: must be 1 to 20,000 characters");
  const now = input.now ?? clock.now();
  const result = await db.transaction(async (tx) => {
    const t = await findTicket(tx, input.ticketId, input.viewer, input.teamId, { lock: true });
    const event: TTicketEvent = input.isInternal ? { type: "internal_note" } : staff ? { type: "support_reply" } : { type: "user_reply" };
    const move = moveTicket(t.status, event, t.firstResponseAt !== null);
    if (!move.ok) throw new DomainError("CONFLICT", move.reason, { reason: "ticket_closed" });
    const [m] = await tx
      .insert(supportMessage)
      .values({
        id: newId("msg"),
        ticketId: t.id,
        userId: input.viewer.id,
        authorType: staff ? "support" : "user",
        message: text,
        isInternal: input.isInternal ?? false,
        createdAt: now,
      })
      .returning();
    const [updated] = await tx
      .update(supportTicket)
      .set({
        status: move.status,
        // A team never learns that a note exists (spec 13): not even from the ticket's updated_at.
        // (Set explicitly: the column's own $onUpdate would otherwise move it.)
        updatedAt: input.isInternal ? t.updatedAt : now,
        ...(move.setFirstResponse ? { firstResponseAt: now } : {}),
        ...(move.clearResolvedAt ? { resolvedAt: null } : {}),
        // The first staff member to answer an unassigned ticket takes it.
        ...(staff && !input.isInternal && !t.assignedTo ? { assignedTo: input.viewer.id } : {}),
      })
      .where(eq(supportTicket.id, t.id))
      .returning();
    // Webhook events (spec 18.1), committed with the reply: `ticket.replied` for a public reply
    // only, and `ticket.status_changed` when the reply moved the ticket. An internal note writes none.
    let events = 0;
    if (!input.isInternal) {
      const reply = { id: m!.id, author_type: m!.authorType, message: m!.message, created_at: m!.createdAt };
      events += await enqueueEvent(tx, t.teamId, "ticket.replied", { ...ticketSummary(updated!, now), reply }, now);
      if (updated!.status !== t.status)
        events += await enqueueEvent(tx, t.teamId, "ticket.status_changed", { ...ticketSummary(updated!, now), previous_status: t.status }, now);
    }
    return { message: m!, ticket: updated!, events };
  });
  if (result.events > 0) input.onWebhookEvents?.(result.ticket.teamId);
  if (!input.isInternal) {
    const recipient = await recipientOf(db, staff ? result.ticket.userId : result.ticket.assignedTo, result.ticket.teamId);
    const to = recipient.to;
    // The requester reads the ticket's language (spec 19); staff their own.
    const locale = staff ? ticketLanguage(result.ticket) : recipient.locale;
    const mail = ticketReplyMail(
      { author: staff ? "support" : "user", subject: result.ticket.subject, ticketId: result.ticket.id, message: text, status: result.ticket.status },
      locale,
    );
    await sendQuietly(input.mailer, { ...mail, to, locale });
  }
  return {
    id: result.message.id,
    ticket_id: result.ticket.id,
    author_type: result.message.authorType,
    message: result.message.message,
    is_internal: result.message.isInternal,
    created_at: result.message.createdAt,
    ticket_status: result.ticket.status,
  };
}

/** The ticket's language, as its e-mails and system messages are written. */
export function ticketLanguage(t: { language: string }): TLocale {
  return isLocale(t.language) ? t.language : "en";
}

/**
 * Changes a ticket's status: the team may resolve or close; staff may set any status. When staff
 * resolve it and SMTP is set, the requester is e-mailed in the ticket's language with a single-use
 * rating link (spec 19): its token's hash is stored with the move, the token itself only in the mail.
 */
export async function setTicketStatus(
  db: Db,
  input: {
    ticketId: string;
    viewer: TViewer;
    teamId?: string;
    status: TTicketStatus;
    mailer?: TMailer | null;
    now?: Date;
    /** After the commit, when webhook events were written for the team (spec 18.1): their first attempt, after the answer. */
    onWebhookEvents?: (teamId: string) => void;
  },
) {
  const now = input.now ?? clock.now();
  const by = isStaff(input.viewer.role) ? "staff" : "team";
  const { summary, events, rating, ticket } = await db.transaction(async (tx) => {
    const t = await findTicket(tx, input.ticketId, input.viewer, input.teamId, { lock: true });
    const move = moveTicket(t.status, { type: "set_status", status: input.status, by }, t.firstResponseAt !== null);
    if (!move.ok) throw new DomainError("CONFLICT", move.reason, { reason: t.status === "closed" ? "ticket_closed" : "status_not_allowed" });
    const mailsResolution = by === "staff" && move.status === "resolved" && t.status !== "resolved" && !t.ratedAt && !!input.mailer?.consoleUrl;
    const rating = mailsResolution ? newRatingToken() : null;
    const [updated] = await tx
      .update(supportTicket)
      .set({
        status: move.status,
        updatedAt: now,
        ...(rating ? { ratingTokenHash: rating.hash } : {}),
        ...(move.setResolvedAt ? { resolvedAt: now } : {}),
        ...(move.setClosedAt ? { closedAt: now } : {}),
        ...(move.clearResolvedAt ? { resolvedAt: null } : {}),
      })
      .where(eq(supportTicket.id, t.id))
      .returning();
    const summary = ticketSummary(updated!, now);
    // `ticket.status_changed` (spec 18.1), committed with the change; none when the status stays.
    const events = updated!.status !== t.status ? await enqueueEvent(tx, t.teamId, "ticket.status_changed", { ...summary, previous_status: t.status }, now) : 0;
    return { summary, events, rating, ticket: updated! };
  });
  if (events > 0) input.onWebhookEvents?.(summary.team_id);
  if (rating && input.mailer?.consoleUrl) {
    const { to } = await recipientOf(db, ticket.userId, ticket.teamId);
    const locale = ticketLanguage(ticket);
    const url = ratingLinkUrl(input.mailer.consoleUrl, ticket.id, rating.token);
    await sendQuietly(input.mailer, { ...ticketResolvedMail({ subject: ticket.subject, ticketId: ticket.id, ratingUrl: url }, locale), to, locale });
  }
  return summary;
}

/** Assigns a ticket to a staff member (or nobody). */
export async function assignTicket(db: Db, input: { ticketId: string; assigneeId: string | null }) {
  if (input.assigneeId) {
    const [a] = await db.select({ role: user.role }).from(user).where(eq(user.id, input.assigneeId));
    if (!a || !isStaff(a.role)) throw new DomainError("BAD_REQUEST", "assigneeId: must be a support staff member");
  }
  const [t] = await db
    .update(supportTicket)
    .set({ assignedTo: input.assigneeId, updatedAt: clock.now() })
    .where(eq(supportTicket.id, input.ticketId))
    .returning();
  if (!t) throw new DomainError("NOT_FOUND", "Ticket not found.");
  return ticketSummary(t, clock.now());
}

/** The queue's order (urgent, high, normal, low) from the one priority rank of lib/support. */
const PRIORITY_ORDER = sql`case ${supportTicket.priority} ${sql.raw(
  Object.entries(PRIORITY_RANK)
    .map(([priority, rank]) => `when '${priority}' then ${rank}`)
    .join(" "),
)} end`;

export interface TQueueFilters {
  status?: TTicketStatus[];
  priority?: TTicketPriority[];
  category?: TTicketCategory[];
  assignee?: string | "unassigned";
  team?: string;
  query?: string;
  limit?: number;
}

/**
 * The staff queue across teams: urgent, then high, normal, low; oldest first within a priority.
 * Filters by status (default: not closed), priority, category, assignee and team, and full-text
 * search over subjects, descriptions and every message (internal notes included: staff only).
 */
export async function listSupportQueue(db: Db, filters: TQueueFilters, now = clock.now()) {
  const where: SQL[] = [];
  if (filters.status?.length) where.push(inArray(supportTicket.status, filters.status));
  else where.push(sql`${supportTicket.status} <> 'closed'`);
  if (filters.priority?.length) where.push(inArray(supportTicket.priority, filters.priority));
  if (filters.category?.length) where.push(inArray(supportTicket.category, filters.category));
  if (filters.assignee === "unassigned") where.push(sql`${supportTicket.assignedTo} is null`);
  else if (filters.assignee) where.push(eq(supportTicket.assignedTo, filters.assignee));
  if (filters.team) where.push(inArray(supportTicket.teamId, db.select({ id: team.id }).from(team).where(teamByRef(filters.team))));
  if (filters.query?.trim()) where.push(searchCondition(filters.query, true));
  const rows = await db
    .select({ t: supportTicket, teamSlug: team.slug, teamName: team.name, assigneeName: user.name })
    .from(supportTicket)
    .innerJoin(team, eq(team.id, supportTicket.teamId))
    .leftJoin(user, eq(user.id, supportTicket.assignedTo))
    .where(and(...where))
    .orderBy(desc(PRIORITY_ORDER), asc(supportTicket.createdAt))
    .limit(filters.limit ?? 200);
  return rows.map((r) => ({ ...ticketSummary(r.t, now), team: { slug: r.teamSlug, name: r.teamName }, assignee_name: r.assigneeName }));
}

/** Full-text condition (French stems, accents folded); internal notes count only for staff. */
function searchCondition(query: string, includeInternal: boolean): SQL {
  const q = sql`websearch_to_tsquery('servelink_fr', ${query.trim().slice(0, 200)})`;
  return sql`(${sql.raw('"support_ticket"."search"')} @@ ${q} or exists (
    select 1 from support_message m where m.ticket_id = ${supportTicket.id} and m.search @@ ${q}
    ${includeInternal ? sql`` : sql`and not m.is_internal`}))`;
}

/** Searches one team's tickets (members: public messages only) or, for staff, every ticket. */
export async function searchTickets(db: Db, input: { query: string; teamId?: string; viewer: TViewer; now?: Date }) {
  const staff = isStaff(input.viewer.role) && !input.teamId;
  if (!input.query.trim()) return [];
  const rows = await db
    .select()
    .from(supportTicket)
    .where(and(input.teamId ? eq(supportTicket.teamId, input.teamId) : undefined, searchCondition(input.query, staff)))
    .orderBy(desc(supportTicket.createdAt))
    .limit(50);
  const now = input.now ?? clock.now();
  return rows.map((t) => ticketSummary(t, now));
}

/**
 * Stats for a team or the whole queue (the notes' shape) plus first-response figures:
 * `open` counts open, in progress and waiting; `closed` counts resolved and closed.
 */
export async function getTicketStats(db: Db, input: { teamId?: string; now?: Date } = {}) {
  const scope = input.teamId ? sql`where team_id = ${input.teamId}` : sql``;
  const since = new Date((input.now ?? clock.now()).getTime() - RATING_WINDOW_DAYS * 86_400_000).toISOString();
  const [row] = rowsOf<{
    by_status: Record<string, number> | null;
    by_priority: Record<string, number> | null;
    total: number;
    open: number;
    closed: number;
    avg_resolution_hours: number | null;
    avg_first_response_hours: number | null;
    median_first_response_hours: number | null;
    ratings: number;
    rating_average: number | null;
    satisfied_share: number | null;
  }>(
    await db.execute(sql`
      with t as (select * from support_ticket ${scope})
      select
        (select jsonb_object_agg(status, n) from (select status, count(*)::int n from t group by status) s) as by_status,
        (select jsonb_object_agg(priority, n) from (select priority, count(*)::int n from t group by priority) p) as by_priority,
        (select count(*)::int from t) as total,
        (select count(*)::int from t where status in ('open', 'in_progress', 'waiting')) as open,
        (select count(*)::int from t where status in ('resolved', 'closed')) as closed,
        (select round((avg(extract(epoch from (resolved_at - created_at))) / 3600)::numeric, 2)::float8 from t where resolved_at is not null) as avg_resolution_hours,
        (select round((avg(extract(epoch from (first_response_at - created_at))) / 3600)::numeric, 2)::float8 from t where first_response_at is not null) as avg_first_response_hours,
        (select round((percentile_cont(0.5) within group (order by extract(epoch from (first_response_at - created_at))) / 3600)::numeric, 2)::float8
           from t where first_response_at is not null) as median_first_response_hours,
        (select count(*)::int from t where rated_at >= ${since}::timestamptz) as ratings,
        (select round(avg(rating_score)::numeric, 2)::float8 from t where rated_at >= ${since}::timestamptz) as rating_average,
        (select round((count(*) filter (where rating_score >= 4))::numeric / nullif(count(*), 0), 4)::float8
           from t where rated_at >= ${since}::timestamptz) as satisfied_share`),
  );
  const parse = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as Record<string, number>) : ((v as Record<string, number> | null) ?? {}));
  return {
    by_status: parse(row!.by_status),
    by_priority: parse(row!.by_priority),
    total: row!.total,
    open: row!.open,
    closed: row!.closed,
    avg_resolution_hours: row!.avg_resolution_hours,
    avg_first_response_hours: row!.avg_first_response_hours,
    median_first_response_hours: row!.median_first_response_hours,
    // Spec 19: the average score and the share of 4s and 5s over the last 30 days.
    satisfaction: { window_days: RATING_WINDOW_DAYS, ratings: row!.ratings, average: row!.rating_average, satisfied_share: row!.satisfied_share },
  };
}

/** The people tickets can be assigned to. */
export async function listStaff(db: Db) {
  return db
    .select({ id: user.id, name: user.name, email: user.email, role: user.role })
    .from(user)
    .where(inArray(user.role, ["support", "admin"]))
    .orderBy(asc(user.name));
}

/** A team's id from its slug or id, for staff filters; NOT_FOUND otherwise. */
export async function resolveTeamId(db: Db, ref: string): Promise<string> {
  const [t] = await db.select({ id: team.id }).from(team).where(teamByRef(ref));
  if (!t) throw new DomainError("NOT_FOUND", "Team not found.");
  return t.id;
}
