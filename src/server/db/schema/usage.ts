import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { project } from "./teams";
import { bytes, createdAt, updatedAt } from "./_columns";

/** One row per project and UTC calendar month; the limits are checked against it. */
export const projectUsage = pgTable(
  "project_usage",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    month: integer("month").notNull(),
    trafficBytes: bytes("traffic_bytes"),
    storageBytes: bytes("storage_bytes"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("project_usage_project_id_year_month_key").on(t.projectId, t.year, t.month),
    index("project_usage_period_idx").on(t.year, t.month),
    check("project_usage_month_check", sql`${t.month} between 1 and 12`),
    check("project_usage_year_check", sql`${t.year} between 2000 and 9999`),
    check("project_usage_bytes_check", sql`${t.trafficBytes} >= 0 and ${t.storageBytes} >= 0`),
  ],
);

/** One row per project and UTC day: what the charts read. */
export const projectUsageDaily = pgTable(
  "project_usage_daily",
  {
    projectId: text("project_id")
      .notNull()
      .references(() => project.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    trafficBytes: bytes("traffic_bytes"),
    requests: bigint("requests", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    storageBytes: bytes("storage_bytes"),
  },
  (t) => [
    primaryKey({ name: "project_usage_daily_pkey", columns: [t.projectId, t.day] }),
    index("project_usage_daily_day_idx").on(t.day),
    check("project_usage_daily_bytes_check", sql`${t.trafficBytes} >= 0 and ${t.storageBytes} >= 0 and ${t.requests} >= 0`),
  ],
);

/** Idempotency keys of traffic batches, written in the same transaction as their counts. */
export const ingestBatch = pgTable("ingest_batch", {
  idempotencyKey: text("idempotency_key").primaryKey(),
  /** sha256 of the batch's body: the same key with another batch is refused (spec 13), not replayed. */
  requestHash: text("request_hash"),
  response: jsonb("response").notNull(),
  createdAt: createdAt(),
});
