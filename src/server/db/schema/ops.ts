import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { team } from "./teams";
import { createdAt, sqlList, tstz } from "./_columns";

export const JOB_OUTCOMES = ["running", "success", "failure"] as const;

/**
 * Notifications for a team (`user_id` null) or one user. Usage alerts are unique per team,
 * kind, metric and month: the database, not the code, guarantees "sent once".
 */
export const notification = pgTable(
  "notification",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id").notNull().references(() => team.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    metric: text("metric"),
    threshold: integer("threshold"),
    period: text("period"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    readAt: tstz("read_at"),
    emailedAt: tstz("emailed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notification_team_id_created_at_idx").on(t.teamId, t.createdAt.desc()),
    uniqueIndex("notification_usage_alert_key")
      .on(t.teamId, t.kind, t.metric, t.period)
      .where(sql`kind like 'usage.%'`),
    check("notification_period_check", sql`${t.period} is null or ${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** The heartbeat of the scheduled jobs: one row per run. */
export const jobRun = pgTable(
  "job_run",
  {
    id: text("id").primaryKey(),
    job: text("job").notNull(),
    startedAt: tstz("started_at").notNull().defaultNow(),
    finishedAt: tstz("finished_at"),
    outcome: text("outcome", { enum: JOB_OUTCOMES }).notNull().default("running"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("job_run_job_started_at_idx").on(t.job, t.startedAt.desc()),
    check("job_run_outcome_check", sql.raw(`outcome in (${sqlList(JOB_OUTCOMES)})`)),
  ],
);
