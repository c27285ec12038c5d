import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { ownedByTeam } from "./teams";
import { MESSAGE_AUTHOR_TYPES, STAFF_ACTIONS, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/support";
import { LOCALES } from "@/lib/locales";
import { createdAt, oneOf, tstz, updatedAt } from "./_columns";

export const supportTicket = pgTable(
  "support_ticket",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id),
    subject: text("subject").notNull(),
    description: text("description").notNull(),
    priority: text("priority", { enum: TICKET_PRIORITIES }).notNull().default("normal"),
    status: text("status", { enum: TICKET_STATUSES }).notNull().default("open"),
    category: text("category", { enum: TICKET_CATEGORIES }).notNull().default("other"),
    assignedTo: text("assigned_to").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    firstResponseAt: tstz("first_response_at"),
    resolvedAt: tstz("resolved_at"),
    closedAt: tstz("closed_at"),
    /** The requester's language (spec 19), set at creation: the ticket's e-mails and system messages are written in it. */
    language: text("language", { enum: LOCALES }).notNull().default("en"),
    /** The satisfaction rating (spec 19): once, after resolution, by the requester's team or the e-mailed link. */
    ratingScore: smallint("rating_score"),
    ratingComment: text("rating_comment"),
    ratedAt: tstz("rated_at"),
    ratedBy: text("rated_by").references(() => user.id, { onDelete: "set null" }),
    /** sha256 of the single-use rating link's token sent in the resolution e-mail (the token itself is never stored). */
    ratingTokenHash: text("rating_token_hash"),
  },
  (t) => [
    index("support_ticket_team_id_created_at_idx").on(t.teamId, t.createdAt.desc()),
    index("support_ticket_queue_idx").on(t.status, t.priority, t.createdAt),
    index("support_ticket_assigned_to_idx").on(t.assignedTo),
    check("support_ticket_subject_check", sql`char_length(${t.subject}) between 3 and 200`),
    oneOf("support_ticket_priority_check", "priority", TICKET_PRIORITIES),
    oneOf("support_ticket_status_check", "status", TICKET_STATUSES),
    oneOf("support_ticket_category_check", "category", TICKET_CATEGORIES),
    oneOf("support_ticket_language_check", "language", LOCALES),
    check(
      "support_ticket_rating_check",
      sql`(${t.ratingScore} is null) = (${t.ratedAt} is null) and (${t.ratingScore} is null or ${t.ratingScore} between 1 and 5)`,
    ),
    check("support_ticket_rating_comment_check", sql`${t.ratingComment} is null or char_length(${t.ratingComment}) <= 2000`),
    index("support_ticket_rated_at_idx")
      .on(t.ratedAt)
      .where(sql`rated_at is not null`),
    uniqueIndex("support_ticket_rating_token_idx")
      .on(t.ratingTokenHash)
      .where(sql`rating_token_hash is not null`),
  ],
);

export const supportMessage = pgTable(
  "support_message",
  {
    id: text("id").primaryKey(),
    ticketId: text("ticket_id")
      .notNull()
      .references(() => supportTicket.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    authorType: text("author_type", { enum: MESSAGE_AUTHOR_TYPES }).notNull(),
    message: text("message").notNull(),
    isInternal: boolean("is_internal").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("support_message_ticket_id_created_at_idx").on(t.ticketId, t.createdAt),
    oneOf("support_message_author_type_check", "author_type", MESSAGE_AUTHOR_TYPES),
    check("support_message_message_check", sql`char_length(${t.message}) between 1 and 20000`),
    check("support_message_internal_check", sql`not ${t.isInternal} or ${t.authorType} = 'support'`),
  ],
);

/**
 * The audit of what staff did from a ticket (spec 19): one row per action, written in the action's
 * own transaction, with what it was asked (`params`) and what it did. Read by admins at /admin/audit.
 */
export const staffAction = pgTable(
  "staff_action",
  {
    id: text("id").primaryKey(),
    actorUserId: text("actor_user_id").references(() => user.id, { onDelete: "set null" }),
    teamId: ownedByTeam(),
    ticketId: text("ticket_id").references(() => supportTicket.id, { onDelete: "set null" }),
    action: text("action", { enum: STAFF_ACTIONS }).notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("staff_action_created_at_idx").on(t.createdAt.desc(), t.id.desc()),
    index("staff_action_team_id_idx").on(t.teamId, t.createdAt.desc()),
    index("staff_action_ticket_id_idx").on(t.ticketId),
    oneOf("staff_action_action_check", "action", STAFF_ACTIONS),
  ],
);

/** Staff's canned replies (spec 19): a title and a body in each language, `{{team}}` and `{{name}}` filled in when inserted. */
export const cannedReply = pgTable(
  "canned_reply",
  {
    id: text("id").primaryKey(),
    titleEn: text("title_en").notNull(),
    titleFr: text("title_fr").notNull(),
    bodyEn: text("body_en").notNull(),
    bodyFr: text("body_fr").notNull(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("canned_reply_title_check", sql`char_length(${t.titleEn}) between 1 and 200 and char_length(${t.titleFr}) between 1 and 200`),
    check("canned_reply_body_check", sql`char_length(${t.bodyEn}) between 1 and 20000 and char_length(${t.bodyFr}) between 1 and 20000`),
  ],
);
