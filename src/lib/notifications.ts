/**
 * Every kind of notification the console writes, the one list the writer, the database's check
 * and the UI share. Usage alerts are unique per team, kind, metric and month.
 */
export const NOTIFICATION_KINDS = [
  "usage.warning",
  "usage.critical",
  "usage.exceeded",
  "payment.completed",
  "payment.failed",
  "payment.pending",
  "payment.late_completion",
  "addon.expiring",
  "addon.expired",
  "plan.expiring",
  "plan.expired",
  "plan.card_billing_duplicate",
  "plan.card_billing_stopped",
  "project.inactive",
  "project.inactive_warning",
] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const USAGE_ALERT_KINDS = ["usage.warning", "usage.critical", "usage.exceeded"] as const satisfies readonly TNotificationKind[];
