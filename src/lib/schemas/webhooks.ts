import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks";

/** Outbound webhooks (spec 18.1): what the REST paths take and answer. */
export const ZCreateWebhookEndpointSchema = z.object({
  url: z.string().trim().min(1).max(2048).describe("https only; private, loopback and link-local addresses are refused"),
  event_types: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
  description: z.string().trim().max(200).optional(),
});

// `?endpoint_id=` left empty lists every endpoint's, as none does.
const emptyAsNone = (v: unknown) => (v === "" ? undefined : v);
export const ZWebhookDeliveriesQuerySchema = z.object({
  endpoint_id: z.preprocess(emptyAsNone, z.string().trim().min(1).max(100).optional()),
  limit: z.preprocess(emptyAsNone, z.coerce.number().int().min(1).max(200).optional()),
});

const ZDate = z.date().describe("ISO 8601 date-time, UTC");

/** An endpoint as every answer shows it: never its secret. */
export const ZWebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  event_types: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string(),
  enabled: z.boolean(),
  disabled_at: ZDate.nullable(),
  disabled_reason: z.string().nullable(),
  failing_since: ZDate.nullable(),
  previous_secret_expires_at: ZDate.nullable(),
  created_at: ZDate,
});
export const ZWebhookEndpointListSchema = z.object({ endpoints: z.array(ZWebhookEndpointSchema) });
export const ZWebhookEndpointCreatedSchema = z.object({
  endpoint: ZWebhookEndpointSchema,
  secret: z.string().describe("the endpoint's whsec_ signing secret, shown this once"),
});
export const ZWebhookEndpointRemovedSchema = z.object({ removed: z.literal(true) });

export const ZWebhookDeliverySchema = z.object({
  id: z.string(),
  endpoint_id: z.string(),
  event_type: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  next_attempt_at: ZDate.nullable(),
  last_attempt_at: ZDate.nullable(),
  created_at: ZDate,
  payload: z.unknown(),
  attempt_log: z.array(
    z.object({
      at: ZDate,
      status_code: z.number().int().nullable(),
      duration_ms: z.number().int(),
      response_body: z.string().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export const ZWebhookDeliveryListSchema = z.object({ deliveries: z.array(ZWebhookDeliverySchema) });

/** A test event's or a replay's attempt: `outcome` delivered, retry (a test is retried on the schedule), abandoned, failed_again… */
export const ZWebhookAttemptAnswerSchema = z.object({
  delivery_id: z.string(),
  outcome: z.enum(["delivered", "retry", "abandoned", "failed_again", "endpoint_disabled", "not_due", "not_found"]),
  statusCode: z.number().int().nullable().optional(),
  error: z.string().nullable().optional(),
  attempts: z.number().int().optional(),
  nextAttemptAt: ZDate.optional(),
});
