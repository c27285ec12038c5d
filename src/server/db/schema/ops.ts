import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ownedByUser, user } from "./auth";
import { ownedByTeam } from "./teams";
import { NOTIFICATION_KINDS } from "@/lib/notifications";
import { createdAt, oneOf, stampedAt, tstz } from "./_columns";

/** A run's outcome; `skipped`: it found another run of the same job holding the job's lease (job_lock) and did nothing. */
export const JOB_OUTCOMES = ["running", "success", "failure", "skipped"] as const;

/**
 * Notifications for a team (`user_id` null) or one user. Usage alerts are unique per team,
 * kind, metric and month: the database, not the code, guarantees "sent once".
 */
export const notification = pgTable(
  "notification",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    metric: text("metric"),
    threshold: integer("threshold"),
    period: text("period"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>(),
    emailedAt: tstz("emailed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notification_team_id_created_at_idx").on(t.teamId, t.createdAt.desc()),
    uniqueIndex("notification_usage_alert_key")
      .on(t.teamId, t.kind, t.metric, t.period)
      .where(sql`kind like 'usage.%'`),
    check("notification_period_check", sql`${t.period} is null or ${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    oneOf("notification_kind_check", "kind", NOTIFICATION_KINDS),
  ],
);

/** Read state per reader (spec 13): a member reading a team notice does not read it for the owner. */
export const notificationRead = pgTable(
  "notification_read",
  {
    notificationId: text("notification_id")
      .notNull()
      .references(() => notification.id, { onDelete: "cascade" }),
    userId: ownedByUser(),
    readAt: tstz("read_at").notNull(),
  },
  (t) => [primaryKey({ name: "notification_read_pkey", columns: [t.notificationId, t.userId] }), index("notification_read_user_id_idx").on(t.userId)],
);

/** The heartbeat of the scheduled jobs: one row per run. */
export const jobRun = pgTable(
  "job_run",
  {
    id: text("id").primaryKey(),
    job: text("job").notNull(),
    startedAt: stampedAt("started_at"),
    finishedAt: tstz("finished_at"),
    outcome: text("outcome", { enum: JOB_OUTCOMES }).notNull().default("running"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [index("job_run_job_started_at_idx").on(t.job, t.startedAt.desc()), oneOf("job_run_outcome_check", "outcome", JOB_OUTCOMES)],
);

/**
 * One run at a time per job, whichever process or `npm run job` starts it (spec 17): a run takes the
 * job's row (inserted, or taken over once `expires_at` has passed: a run that crashed holds it until
 * then) and deletes it when it ends. `run_id` is the job_run holding it.
 */
export const jobLock = pgTable("job_lock", {
  job: text("job").primaryKey(),
  runId: text("run_id").notNull(),
  acquiredAt: tstz("acquired_at").notNull(),
  expiresAt: tstz("expires_at").notNull(),
});

/**
 * The rate limits' counters when several processes share one Postgres and no Redis (spec 17):
 * rate-limiter-flexible's Drizzle store, one row per limiter and key, its window's end in `expire`.
 */
export const rateLimit = pgTable("rate_limit", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: tstz("expire"),
});
