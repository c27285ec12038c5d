import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { LIVE_EVENT_AUDIENCES, LIVE_EVENT_TYPES } from "@/lib/live-events";
import { oneOf, tstz } from "./_columns";

/**
 * The live updates' log (spec 20): written by triggers in the transaction of the change (with a
 * `pg_notify` of its id), so it commits or rolls back with it; `id` is the SSE id a reconnect
 * resumes after. Rows older than 10 minutes are pruned. No foreign keys: a transport, not a record.
 */
export const liveEvent = pgTable(
  "live_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    teamId: text("team_id"),
    audience: text("audience", { enum: LIVE_EVENT_AUDIENCES }).notNull(),
    /** The one reader of an `audience = 'user'` event. */
    userId: text("user_id"),
    type: text("type", { enum: LIVE_EVENT_TYPES }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: tstz("created_at")
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    index("live_event_created_at_idx").on(t.createdAt),
    oneOf("live_event_audience_check", "audience", LIVE_EVENT_AUDIENCES),
    oneOf("live_event_type_check", "type", LIVE_EVENT_TYPES),
  ],
);
