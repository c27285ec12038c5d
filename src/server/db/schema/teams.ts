import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { ownedByUser } from "./auth";
import { PROJECT_STATUSES } from "@/lib/projects";
import { TEAM_ROLES } from "@/lib/roles";
import { createdAt, oneOf, tstz } from "./_columns";

export const team = pgTable(
  "team",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    /** Support lifted a suspension (spec 19): the limit check suspends none of the team's projects before this time. */
    suspensionGraceUntil: tstz("suspension_grace_until"),
    createdAt: createdAt(),
  },
  (t) => [check("team_slug_check", sql`${t.slug} ~ '^[a-z0-9-]{3,40}$'`), check("team_name_check", sql`char_length(${t.name}) between 1 and 100`)],
);

/** The owning team of a row: deleted with it. */
export const ownedByTeam = () =>
  text("team_id")
    .notNull()
    .references(() => team.id, { onDelete: "cascade" });

export const teamMember = pgTable(
  "team_member",
  {
    teamId: ownedByTeam(),
    userId: ownedByUser(),
    role: text("role", { enum: TEAM_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "team_member_pkey", columns: [t.teamId, t.userId] }),
    index("team_member_user_id_idx").on(t.userId),
    oneOf("team_member_role_check", "role", TEAM_ROLES),
  ],
);

export const project = pgTable(
  "project",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
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
    oneOf("project_status_check", "status", PROJECT_STATUSES),
    check("project_name_check", sql`char_length(${t.name}) between 1 and 100`),
  ],
);
