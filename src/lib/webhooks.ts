/** Outbound webhooks (spec 18.1): the event types, the limits and the retry schedule, shared by the services, the API and the UI. */
export const WEBHOOK_EVENT_TYPES = [
  "usage.warning",
  "usage.critical",
  "usage.exceeded",
  "usage.forecast",
  "project.suspended",
  "project.reactivated",
  "project.inactive",
  "payment.completed",
  "payment.failed",
  "addon.activated",
  "addon.expired",
  "subscription.renewed",
  "subscription.lapsed",
  "balance.low",
  "ticket.created",
  "ticket.replied",
  "ticket.status_changed",
] as const;
export type TWebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What "Send a test event" sends; every endpoint gets it, whatever it subscribed to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed", "abandoned"] as const;
export type TWebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const MAX_WEBHOOK_ENDPOINTS_PER_TEAM = 10;

/**
 * Svix's schedule: the wait before each retry, counted from the attempt before it. The first
 * attempt is made at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later; a delivery that
 * fails the last is abandoned.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;

/** One attempt waits this long for the answer. */
export const WEBHOOK_TIMEOUT_MS = 15_000;
/** An endpoint whose deliveries have failed for this long straight (no success since) is disabled. */
export const WEBHOOK_DISABLE_AFTER_MS = 5 * 86_400_000;
/** A rotated secret stays valid (its signature sent too) this long. */
export const WEBHOOK_SECRET_OVERLAP_MS = 24 * 3_600_000;
/** The part of an answer kept in the attempt log. */
export const WEBHOOK_RESPONSE_KEEP_BYTES = 1024;

/** When the attempt after the `attempts`-th (1-based) is due, or null when none is left (abandoned). */
export function nextAttemptAt(attempts: number, at: Date): Date | null {
  const delay = WEBHOOK_RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(at.getTime() + delay);
}
