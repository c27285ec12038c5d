import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { PROJECT_STATUSES } from "@/lib/projects";
import { TEAM_ROLES } from "@/lib/roles";
import { createdAt, sqlList, tstz } from "./_columns";

export const team = pgTable(
  "team",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("team_slug_check", sql`${t.slug} ~ '^[a-z0-9-]{3,40}$'`), check("team_name_check", sql`char_length(${t.name}) between 1 and 100`)],
);

export const teamMember = pgTable(
  "team_member",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => team.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role", { enum: TEAM_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "team_member_pkey", columns: [t.teamId, t.userId] }),
    index("team_member_user_id_idx").on(t.userId),
    check("team_member_role_check", sql.raw(`role in (${sqlList(TEAM_ROLES)})`)),
  ],
);

export const project = pgTable(
  "project",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => team.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    status: text("status", { enum: PROJECT_STATUSES }).notNull().default("active"),
    lastTrafficAt: tstz("last_traffic_at"),
    statusChangedAt: tstz("status_changed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("project_team_id_slug_key").on(t.teamId, t.slug),
    index("project_status_idx").on(t.status),
    check("project_status_check", sql.raw(`status in (${sqlList(PROJECT_STATUSES)})`)),
    check("project_name_check", sql`char_length(${t.name}) between 1 and 100`),
  ],
);
