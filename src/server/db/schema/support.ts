import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { ownedByTeam } from "./teams";
import { MESSAGE_AUTHOR_TYPES, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/support";
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
  },
  (t) => [
    index("support_ticket_team_id_created_at_idx").on(t.teamId, t.createdAt.desc()),
    index("support_ticket_queue_idx").on(t.status, t.priority, t.createdAt),
    index("support_ticket_assigned_to_idx").on(t.assignedTo),
    check("support_ticket_subject_check", sql`char_length(${t.subject}) between 3 and 200`),
    oneOf("support_ticket_priority_check", "priority", TICKET_PRIORITIES),
    oneOf("support_ticket_status_check", "status", TICKET_STATUSES),
    oneOf("support_ticket_category_check", "category", TICKET_CATEGORIES),
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
