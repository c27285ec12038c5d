import { z } from "zod";
import { ADDON_TYPES } from "./addons";
import { PLAN_IDS } from "./plans";

/**
 * Every kind of notification the console writes, the one list the writer, the database's check
 * and the UI share. Usage alerts are unique per team, kind, metric and month.
 */
export const NOTIFICATION_KINDS = [
  "usage.warning",
  "usage.critical",
  "usage.exceeded",
  "usage.forecast",
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
  "balance.low",
  "subscription.renewed",
  "subscription.lapsed",
  "webhook.disabled",
] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const USAGE_ALERT_KINDS = ["usage.warning", "usage.critical", "usage.exceeded"] as const satisfies readonly TNotificationKind[];

/*
 * The parameters each kind stores in its `data` (spec 13: a notification keeps its kind and
 * parameters and is written out in each reader's language when read, by lib/notification-text).
 * Writers pass them to `notificationOf(kind, params)`; a row whose data lacks what its kind needs
 * (rows written before this) shows the English title and body it was stored with. Amounts are
 * `amount_minor` with its `currency` (spec 14.1), dates ISO strings or Dates (UTC); ids the
 * writers keep for their own reasons (`payment_id`…) may ride along.
 */

const ZDateParam = z.union([z.date(), z.string().min(1)]).refine((v) => !Number.isNaN(new Date(v).getTime()), "must be a date");
const ZAmountMinor = z.number().int().nonnegative();
const ZCurrency = z.string().regex(/^[A-Z]{3}$/);
const ZByteCount = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);

/** `usage.warning`, `usage.critical`, `usage.exceeded`: the month's figures of one metric. `resets_at` (traffic only) is when its quota starts again. */
export const ZUsageAlertParamsSchema = z.object({
  team_slug: z.string().min(1),
  metric: z.enum(["traffic", "storage"]),
  used_bytes: ZByteCount,
  limit_bytes: ZByteCount,
  percent: z.number().nonnegative(),
  plan: z.enum(PLAN_IDS),
  resets_at: ZDateParam.optional(),
});
export type TUsageAlertParams = z.input<typeof ZUsageAlertParamsSchema>;

/**
 * `usage.forecast` (spec 18.2): at its recent rate, the metric reaches its limit on
 * `limit_reached_on` (YYYY-MM-DD, UTC, this month) and ends the month at `month_end_bytes`; `percent`
 * is where it stands now (under 80 %).
 */
export const ZUsageForecastParamsSchema = z.object({
  team_slug: z.string().min(1),
  metric: z.enum(["traffic", "storage"]),
  used_bytes: ZByteCount,
  limit_bytes: ZByteCount,
  percent: z.number().nonnegative(),
  month_end_bytes: ZByteCount,
  limit_reached_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  plan: z.enum(PLAN_IDS),
});
export type TUsageForecastParams = z.input<typeof ZUsageForecastParamsSchema>;

/**
 * `payment.completed`: what was paid, and what it bought when that is known. `purpose:
 * "plan_upgrade"` with `period_end` (Pro's new end) says "Pro is active until…";
 * `"addon_purchase"` / `"addon_renewal"` with `resource_type`, `quantity` and `expires_at` (the
 * add-on's new end) name the add-on; otherwise "We received {amount}".
 */
export const ZPaymentCompletedParamsSchema = z.object({
  amount_minor: ZAmountMinor,
  currency: ZCurrency,
  payment_id: z.string().optional(),
  purpose: z.enum(["plan_upgrade", "addon_purchase", "addon_renewal"]).optional(),
  period_end: ZDateParam.optional(),
  resource_type: z.enum(ADDON_TYPES).optional(),
  quantity: z.number().int().positive().optional(),
  expires_at: ZDateParam.optional(),
});
export type TPaymentCompletedParams = z.input<typeof ZPaymentCompletedParamsSchema>;

/**
 * `payment.failed`. `reason`: the failure reason, a code of lib/payment-reasons
 * (`insufficient_funds`, `expired`, `declined`, `invalid_phone`, `operator_unavailable`,
 * `duplicate_request`, `limit_exceeded`) or a provider's free text, written out by `reasonText`.
 * `variant` (default `payment`): `card_renewal` is a Stripe renewal invoice that could not be
 * charged (Stripe retries; `amount_minor` is the amount due); `card_renewal_mismatch` is one charged
 * at another price than Pro's (`amount_minor` paid, `expected_minor` Pro's price, `invoice_id`).
 */
export const ZPaymentFailedParamsSchema = z.object({
  amount_minor: ZAmountMinor,
  currency: ZCurrency,
  payment_id: z.string().optional(),
  reason: z.string().min(1).nullish(),
  variant: z.enum(["payment", "card_renewal", "card_renewal_mismatch"]).optional(),
  expected_minor: ZAmountMinor.optional(),
  invoice_id: z.string().nullish(),
});
export type TPaymentFailedParams = z.input<typeof ZPaymentFailedParamsSchema>;

/** `payment.pending`: a payment still open long after it started (`started_at`). */
export const ZPaymentPendingParamsSchema = z.object({
  payment_id: z.string(),
  amount_minor: ZAmountMinor,
  currency: ZCurrency,
  started_at: ZDateParam,
});
export type TPaymentPendingParams = z.input<typeof ZPaymentPendingParamsSchema>;

/**
 * `payment.late_completion`: money confirmed after the console had ended the payment (spec 14.3).
 * `credited: true` once the balance of spec 15 took it as a refund entry; otherwise support credits it.
 */
export const ZPaymentLateCompletionParamsSchema = z.object({
  amount_minor: ZAmountMinor,
  currency: ZCurrency,
  payment_id: z.string().optional(),
  credited: z.boolean().optional(),
});
export type TPaymentLateCompletionParams = z.input<typeof ZPaymentLateCompletionParamsSchema>;

/** `addon.expiring`: an active add-on that lapses within `days` days, at `expires_at`. */
export const ZAddonExpiringParamsSchema = z.object({
  resource_id: z.string(),
  resource_type: z.enum(ADDON_TYPES),
  quantity: z.number().int().positive(),
  expires_at: ZDateParam,
  days: z.number().int().positive(),
});
export type TAddonExpiringParams = z.input<typeof ZAddonExpiringParamsSchema>;

/** `addon.expired`: an add-on that just lapsed. */
export const ZAddonExpiredParamsSchema = z.object({
  resource_id: z.string(),
  resource_type: z.enum(ADDON_TYPES),
  quantity: z.number().int().positive(),
});
export type TAddonExpiredParams = z.input<typeof ZAddonExpiredParamsSchema>;

/** `plan.expiring`: Pro ends within `days` days, at `period_end`. */
export const ZPlanExpiringParamsSchema = z.object({ period_end: ZDateParam, days: z.number().int().positive() });
export type TPlanExpiringParams = z.input<typeof ZPlanExpiringParamsSchema>;

/** `plan.expired`: Pro ended at `period_end`; the team is on Free. */
export const ZPlanExpiredParamsSchema = z.object({ period_end: ZDateParam });
export type TPlanExpiredParams = z.input<typeof ZPlanExpiredParamsSchema>;

/** `plan.card_billing_duplicate`: a second Stripe renewal was paid while one runs; nothing else to say. */
export const ZCardBillingDuplicateParamsSchema = z.object({ subscription_id: z.string().optional() });
export type TCardBillingDuplicateParams = z.input<typeof ZCardBillingDuplicateParamsSchema>;

/**
 * `plan.card_billing_stopped`: the card renewal was cancelled (`status: "cancelled"`) or will stop
 * at the period's end (`"ending"`); `period_end` is the last day of Pro, null when there is none.
 */
export const ZCardBillingStoppedParamsSchema = z.object({
  subscription_id: z.string().optional(),
  status: z.enum(["ending", "cancelled"]),
  period_end: ZDateParam.nullable(),
});
export type TCardBillingStoppedParams = z.input<typeof ZCardBillingStoppedParamsSchema>;

/** `project.inactive`: a Free project without traffic for `days` days (since `since`) was stopped. */
export const ZProjectInactiveParamsSchema = z.object({
  project_id: z.string(),
  project_name: z.string().min(1),
  since: ZDateParam,
  days: z.number().int().positive(),
});
export type TProjectInactiveParams = z.input<typeof ZProjectInactiveParamsSchema>;

/** `project.inactive_warning`: a Free project idle since `since` becomes inactive on `inactive_on`. */
export const ZProjectInactiveWarningParamsSchema = z.object({
  project_id: z.string(),
  project_name: z.string().min(1),
  since: ZDateParam,
  inactive_on: ZDateParam,
});
export type TProjectInactiveWarningParams = z.input<typeof ZProjectInactiveWarningParamsSchema>;

/*
 * What renews from the prepaid balance (spec 15): Pro, or one add-on, which a notice names as
 * "2 × Extra RAM" from its `resource_type` and `quantity` (with its `resource_id`, as the add-on
 * notices above carry). Pro carries none of the three.
 */
const renewalItemShape = {
  item: z.enum(["pro", "addon"]),
  resource_id: z.string().min(1).optional(),
  resource_type: z.enum(ADDON_TYPES).optional(),
  quantity: z.number().int().positive().optional(),
};

function checkRenewalItem(p: { item: "pro" | "addon"; resource_id?: string; resource_type?: string; quantity?: number }, ctx: z.RefinementCtx) {
  const addonFields = ["resource_id", "resource_type", "quantity"] as const;
  for (const field of addonFields) {
    const present = p[field] !== undefined;
    if (p.item === "addon" && !present) ctx.addIssue({ code: "custom", path: [field], message: "an add-on's notice names it" });
    if (p.item === "pro" && present) ctx.addIssue({ code: "custom", path: [field], message: "only an add-on's notice carries it" });
  }
}

/**
 * `balance.low`: a reminder `days` days (7 or 3) before the automatic renewal at `due_at` that the
 * balance (`balance_minor` now) will not cover; `amount_minor` is the top-up asked for (the larger
 * of the shortfall and the smallest top-up), all in `currency`.
 */
export const ZBalanceLowParamsSchema = z
  .object({
    ...renewalItemShape,
    due_at: ZDateParam,
    days: z.number().int().positive(),
    amount_minor: ZAmountMinor,
    currency: ZCurrency,
    balance_minor: ZAmountMinor,
  })
  .superRefine(checkRenewalItem);
export type TBalanceLowParams = z.input<typeof ZBalanceLowParamsSchema>;

/** `subscription.renewed`: renewed automatically from the balance for `amount_minor`, until `period_end`; `balance_minor` is what is left. */
export const ZSubscriptionRenewedParamsSchema = z
  .object({
    ...renewalItemShape,
    amount_minor: ZAmountMinor,
    currency: ZCurrency,
    period_end: ZDateParam,
    balance_minor: ZAmountMinor,
  })
  .superRefine(checkRenewalItem);
export type TSubscriptionRenewedParams = z.input<typeof ZSubscriptionRenewedParamsSchema>;

/**
 * `subscription.lapsed`: the renewal due at `period_end` (its price `amount_minor`) was not covered
 * by the end of the grace days; Pro fell to Free, or the add-on expired.
 */
export const ZSubscriptionLapsedParamsSchema = z
  .object({
    ...renewalItemShape,
    period_end: ZDateParam,
    amount_minor: ZAmountMinor,
    currency: ZCurrency,
  })
  .superRefine(checkRenewalItem);
export type TSubscriptionLapsedParams = z.input<typeof ZSubscriptionLapsedParamsSchema>;

/** `webhook.disabled`: an endpoint whose deliveries failed for `days` days straight (since `failing_since`) was disabled. */
export const ZWebhookDisabledParamsSchema = z.object({
  endpoint_id: z.string().min(1),
  url: z.string().min(1),
  failing_since: ZDateParam,
  days: z.number().int().positive(),
});
export type TWebhookDisabledParams = z.input<typeof ZWebhookDisabledParamsSchema>;

/** Each kind's parameters, the one table the writers, the renderer and the tests read. */
export const NOTIFICATION_PARAMS = {
  "usage.warning": ZUsageAlertParamsSchema,
  "usage.critical": ZUsageAlertParamsSchema,
  "usage.exceeded": ZUsageAlertParamsSchema,
  "usage.forecast": ZUsageForecastParamsSchema,
  "payment.completed": ZPaymentCompletedParamsSchema,
  "payment.failed": ZPaymentFailedParamsSchema,
  "payment.pending": ZPaymentPendingParamsSchema,
  "payment.late_completion": ZPaymentLateCompletionParamsSchema,
  "addon.expiring": ZAddonExpiringParamsSchema,
  "addon.expired": ZAddonExpiredParamsSchema,
  "plan.expiring": ZPlanExpiringParamsSchema,
  "plan.expired": ZPlanExpiredParamsSchema,
  "plan.card_billing_duplicate": ZCardBillingDuplicateParamsSchema,
  "plan.card_billing_stopped": ZCardBillingStoppedParamsSchema,
  "project.inactive": ZProjectInactiveParamsSchema,
  "project.inactive_warning": ZProjectInactiveWarningParamsSchema,
  "balance.low": ZBalanceLowParamsSchema,
  "subscription.renewed": ZSubscriptionRenewedParamsSchema,
  "subscription.lapsed": ZSubscriptionLapsedParamsSchema,
  "webhook.disabled": ZWebhookDisabledParamsSchema,
} as const satisfies Record<TNotificationKind, z.ZodType>;

/** What a writer passes for `kind`. */
export type TNotificationParams<K extends TNotificationKind> = z.input<(typeof NOTIFICATION_PARAMS)[K]>;
