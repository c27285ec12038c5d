import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { ownedByTeam } from "./teams";
import { WEBHOOK_DELIVERY_STATUSES, type TWebhookEventType } from "@/lib/webhooks";
import { createdAt, oneOf, stampedAt, tstz } from "./_columns";

/**
 * A team's webhook endpoint (spec 18.1). Its `whsec_` secret is shown once, and kept encrypted
 * (AES-256-GCM under a key derived from AUTH_SECRET, services/webhooks/secrets.ts), since it signs
 * every delivery. After a rotation the previous secret signs too until `previous_secret_expires_at`.
 * `failing_since`: the first failed attempt since the last success; 5 days of it disables the endpoint.
 */
export const webhookEndpoint = pgTable(
  "webhook_endpoint",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
    url: text("url").notNull(),
    eventTypes: text("event_types").array().$type<TWebhookEventType[]>().notNull(),
    description: text("description").notNull().default(""),
    secretCiphertext: text("secret_ciphertext").notNull(),
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: tstz("previous_secret_expires_at"),
    enabled: boolean("enabled").notNull().default(true),
    disabledAt: tstz("disabled_at"),
    disabledReason: text("disabled_reason"),
    failingSince: tstz("failing_since"),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_endpoint_team_id_idx").on(t.teamId),
    check("webhook_endpoint_url_check", sql`${t.url} ~ '^https?://' and char_length(${t.url}) <= 2048`),
    check("webhook_endpoint_description_check", sql`char_length(${t.description}) <= 200`),
  ],
);

/**
 * The outbox: one row per endpoint and event, written in the transaction of the change it
 * announces. `id` is the `webhook-id`, the same on every attempt. `pending` rows are due at
 * `next_attempt_at`; `delivered` got a 2xx; `abandoned` failed the whole schedule; `failed` can no
 * longer be sent (its endpoint was disabled).
 */
export const webhookDelivery = pgTable(
  "webhook_delivery",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: "cascade" }),
    teamId: ownedByTeam(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").$type<{ type: string; timestamp: string; data: unknown }>().notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at"),
    lastAttemptAt: tstz("last_attempt_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_delivery_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index("webhook_delivery_endpoint_id_created_at_idx").on(t.endpointId, t.createdAt.desc()),
    index("webhook_delivery_team_id_created_at_idx").on(t.teamId, t.createdAt.desc()),
    oneOf("webhook_delivery_status_check", "status", WEBHOOK_DELIVERY_STATUSES),
  ],
);

/** The attempt log: every try of a delivery, with what came back (the first kB) or why nothing did. */
export const webhookAttempt = pgTable(
  "webhook_attempt",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDelivery.id, { onDelete: "cascade" }),
    at: stampedAt("at"),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    responseBody: text("response_body"),
    error: text("error"),
  },
  (t) => [index("webhook_attempt_delivery_id_at_idx").on(t.deliveryId, t.at)],
);
