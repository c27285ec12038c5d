import { z } from "zod";
import { ADDON_STATUSES, ADDON_TYPES } from "@/lib/addons";
import { BALANCE_ENTRY_KINDS } from "@/lib/balance";
import { MESSAGE_AUTHOR_TYPES, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from "@/lib/support";
import { USAGE_LEVELS } from "@/lib/usage-levels";
import { PAYMENT_METHODS, PAYMENT_PROVIDERS, PAYMENT_PURPOSES, PAYMENT_STATUSES } from "@/lib/payments";
import { CURRENCIES } from "@/lib/money";
import { OPERATORS } from "@/lib/mobile-money";
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES } from "@/lib/documents";

const ZCurrency = z.enum(CURRENCIES).describe("the team's currency: EUR (minor unit: cent), XOF or XAF (minor unit: franc)");

/**
 * The JSON the documented REST paths answer. The OpenAPI document is generated from these and from
 * the request schemas the handlers parse with; dates are ISO 8601 strings, bytes whole numbers.
 */
/** A time: a Date in the services and over tRPC (superjson), ISO 8601 UTC text in REST's JSON (and the OpenAPI document). */
const ZDate = z.date().describe("ISO 8601 date-time, UTC");
const ZBytes = z.number().int().nonnegative().describe("bytes (1 GB = 1024³)");

const ZMajor = (what: string) => z.number().describe(`${what}, in major units of \`currency\` (3.0 EUR, 1970 XOF)`);
const ZMinor = (what: string) => z.number().int().describe(`${what}, in minor units: cents for EUR, francs for XOF and XAF`);

/** Every REST error. Some codes carry figures beside the message (a DomainError's `exposed` fields). */
export const ZErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    shortfall: ZMajor("balance_too_low: what the balance lacks").optional(),
    shortfall_minor: ZMinor("balance_too_low: what the balance lacks").optional(),
    currency: ZCurrency.optional(),
    min: ZMajor("top_up_out_of_bounds, top_up_step: the smallest top-up (Pro's price)").optional(),
    max: ZMajor("top_up_out_of_bounds, top_up_step: the largest top-up (100 × Pro's price)").optional(),
    step: ZMajor("top_up_out_of_bounds, top_up_step: top-ups go in steps of this (5 francs; 0.01 EUR)").optional(),
  }),
});

export const ZHealthSchema = z.object({ status: z.literal("ok") });
export const ZLiveSchema = z.object({ status: z.literal("live") });
export const ZReadySchema = z.object({
  status: z.enum(["ready", "unavailable"]),
  checks: z.object({
    database: z.object({ ok: z.boolean(), latency_ms: z.number().optional(), reason: z.string().optional() }),
    /** With REDIS_URL: the shared rate limits' store; down is `degraded`, and the instance stays ready (spec 17). */
    redis: z.object({ ok: z.boolean(), mode: z.enum(["shared", "degraded"]), reason: z.string().optional() }).optional(),
  }),
});
/** `GET /api/health/jobs`: each scheduled job's heartbeat against its allowance (spec 17). */
export const ZJobsHealthSchema = z.object({
  status: z.enum(["ok", "late", "unavailable"]),
  ok: z.boolean(),
  reason: z.string().optional().describe("the jobs past their allowance, or why the database could not be read"),
  jobs: z.array(
    z.object({
      job: z.string(),
      last_success_at: ZDate.nullable(),
      last_run_at: ZDate.nullable(),
      last_outcome: z.string().nullable(),
      allowance_hours: z.number().describe("how long it may go without a success: 26 for the daily jobs, 768 (32 days) for issue-monthly-statements"),
      state: z.enum(["ok", "stale", "never_run"]).describe("never_run (a new installation) is not a failure"),
    }),
  ),
});

export const ZTrafficResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), reason: z.enum(["unknown_project", "too_old", "in_future"]) })),
});

const ZMetric = z.object({ bytes: ZBytes, mb: z.number(), gb: z.number(), limit_bytes: ZBytes, percent: z.number().nullable(), level: z.enum(USAGE_LEVELS) });
const ZLimitSet = z.object({ cpu_cores: z.number(), memory_mb: z.number(), traffic_gb: z.number(), storage_mb: z.number() });
const ZAddonTotals = z.object({ ram_mb: z.number(), cpu_cores: z.number(), traffic_gb: z.number(), storage_gb: z.number() });
export const ZLimitsSchema = ZLimitSet.extend({ plan: z.enum(["free", "pay_as_you_go"]), plan_limits: ZLimitSet, additional_resources: ZAddonTotals });

const ZForecast = z
  .object({
    month_end_bytes: ZBytes.describe("where the metric stands at the month's end at its recent rate"),
    month_end_percent: z.number().nullable().describe("of the effective limit, one decimal; null when unlimited"),
    limit_reached_on: z.string().nullable().describe("YYYY-MM-DD, UTC: the day the projection reaches the limit; null when after the month's end"),
  })
  .nullable()
  .describe(
    "current month only (null otherwise). Traffic: used + the average of the month's last 7 complete UTC days × the days left (null on the 1st); storage: the least-squares slope of its last 7 daily measures",
  );
const ZTotalMetric = ZMetric.extend({ forecast: ZForecast });

export const ZUsageSummarySchema = z.object({
  team: z.object({ id: z.string(), slug: z.string(), name: z.string(), plan: z.enum(["free", "pay_as_you_go"]) }),
  period: z.object({ month: z.string(), first_day: z.string(), last_day: z.string(), traffic_resets_at: ZDate, is_current: z.boolean() }),
  limits: ZLimitsSchema.extend({ traffic_bytes_per_month: ZBytes, storage_bytes: ZBytes }),
  totals: z.object({ traffic: ZTotalMetric, storage: ZTotalMetric }),
  projects: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      status: z.enum(["active", "suspended", "inactive"]),
      last_traffic_at: ZDate.nullable(),
      traffic: ZMetric,
      storage: ZMetric,
    }),
  ),
  level: z.enum(USAGE_LEVELS),
});

export const ZPaymentSchema = z.object({
  id: z.string(),
  team_id: z.string(),
  external_payment_id: z.string().nullable(),
  provider: z.enum(PAYMENT_PROVIDERS).describe("balance: paid from the prepaid balance, completed when written"),
  purpose: z.enum(PAYMENT_PURPOSES).describe("top_up: money into the prepaid balance"),
  resource_id: z.string().nullable().describe("the add-on an add-on payment is for"),
  amount: z.number().describe("major units, e.g. 3.0 EUR or 1970 XOF"),
  amount_minor: z.number().int().describe("minor units: cents for EUR, francs for XOF and XAF"),
  currency: ZCurrency,
  payment_method: z.enum(PAYMENT_METHODS),
  payer_phone: z.string().nullable().describe("Mobile Money: the payer's number, E.164"),
  operator: z.enum(OPERATORS).nullable(),
  status: z.enum(PAYMENT_STATUSES),
  expires_at: ZDate.nullable().describe("when a pending payment ends: failed with failure_reason expired unless it completed"),
  instructions: z.string().nullable().describe("what the payer must do, in the backend's words"),
  payment_url: z.string().nullable(),
  qr_code: z.string().nullable(),
  failure_reason: z.string().nullable(),
  metadata: z.object({
    description: z.unknown(),
    plan_upgrade: z.unknown(),
    new_plan: z.unknown(),
    transaction_id: z.unknown(),
    auto_renew: z.boolean().describe("Pro billed to the card every 30 days by Stripe"),
  }),
  created_at: ZDate,
  updated_at: ZDate,
  completed_at: ZDate.nullable(),
});

export const ZInitiateAnswerSchema = z.object({
  payment_id: z.string(),
  external_payment_id: z.string().nullable(),
  payment_url: z.string().nullable(),
  qr_code: z.string().nullable(),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.number(),
  amount_minor: z.number().int(),
  currency: ZCurrency,
  payer_phone: z.string().nullable(),
  operator: z.enum(OPERATORS).nullable(),
  expires_at: ZDate.nullable(),
  instructions: z.string().nullable(),
});
export const ZBillingProfileSchema = z.object({
  currency: ZCurrency,
  country: z.string().nullable().describe("ISO 3166 code; XOF teams are in UEMOA, XAF teams in CEMAC"),
  last_payer_phone: z.string().nullable().describe("the Mobile Money number the team paid with last (E.164), used when payer_phone is left out"),
  last_operator: z.enum(OPERATORS).nullable(),
  legal_name: z.string().nullable().describe("the buyer on receipts and statements (spec 16): the team's legal name"),
  address: z.string().nullable().describe("the buyer's postal address on receipts and statements"),
  tax_id: z.string().nullable().describe("the buyer's tax or company number as printed (VAT, NINEA, RCCM, NIU…)"),
  billing_email: z.string().nullable().describe("where receipts and statements are e-mailed with their PDF (else the owners and admins)"),
  document_language: z.enum(DOCUMENT_LANGUAGES).nullable().describe("the language chosen for documents; null: decided by the country"),
  effective_document_language: z
    .enum(DOCUMENT_LANGUAGES)
    .describe("the language the next documents are issued in: document_language, else fr for a francophone country, else en"),
});
/** A receipt or a monthly statement (spec 16), as `GET /api/billing/{team}/documents` lists it. */
export const ZDocumentSchema = z.object({
  number: z
    .string()
    .describe("receipts: one gapless sequence per UTC year across all rails, SL-2026-000001 (prefix DOCUMENT_PREFIX); statements: ST-2026-11-<team slug>"),
  kind: z.enum(DOCUMENT_KINDS).describe("receipt: one per completed payment; statement: one per team and month"),
  issued_at: ZDate,
  amount: ZMajor("a receipt: what the payment was, VAT included; a statement: the closing balance"),
  amount_minor: ZMinor("the same amount"),
  currency: ZCurrency,
  payment_id: z.string().nullable().describe("a receipt's payment; null for a statement"),
  period: z.string().nullable().describe("a statement's month, YYYY-MM; null for a receipt"),
  language: z.enum(DOCUMENT_LANGUAGES).describe("the language it was issued in"),
  pdf_url: z.string().describe("its PDF: /api/billing/{team}/documents/{number}.pdf, the same bytes at every download"),
});
export const ZDocumentListSchema = z.object({ documents: z.array(ZDocumentSchema).describe("newest first, the 100 newest") });
export const ZPaymentHistorySchema = z.object({ payments: z.array(ZPaymentSchema) });

/** The Stripe notes' paths (spec 20): `?team=<slug or id>`, the team each is about. */
export const ZStripeTeamQuery = z.object({ team: z.string().min(1, "is required: ?team=<slug>").max(100) });
export const ZStripeCheckoutAnswerSchema = z.object({
  payment_id: z.string(),
  session_id: z.string().nullable().describe("the Checkout Session's id (cs_…)"),
  url: z.string().nullable().describe("the Checkout page to send the payer to"),
  status: z.enum(PAYMENT_STATUSES),
  purpose: z.enum(["plan_upgrade", "top_up"]),
  auto_renew: z.boolean().describe("Pro billed to the card every 30 days (a subscription-mode Checkout)"),
  amount: z.number(),
  amount_minor: z.number().int(),
  currency: ZCurrency,
  expires_at: ZDate.nullable(),
});
export const ZStripeSubscriptionSchema = z.object({
  plan: z.enum(["free", "pay_as_you_go"]),
  status: z.string().describe("the plan's own status (active, past_due…)"),
  current_period_end: ZDate.nullable(),
  has_customer: z.boolean().describe("a card payment went through Stripe, so the billing portal opens"),
  card_renewal: z
    .object({ status: z.enum(["active", "past_due", "ending", "cancelled"]) })
    .nullable()
    .describe("Pro renewed to the card through a Stripe subscription; `ending`: stops at the period's end"),
});
export const ZStripePortalSchema = z.object({ url: z.string() });
export const ZStripeStatsSchema = z.object({
  by_currency: z.array(
    z.object({
      currency: ZCurrency,
      paid_count: z.number().int(),
      paid_minor: z.number().int(),
      open_count: z.number().int(),
      failed_count: z.number().int(),
      cancelled_count: z.number().int(),
    }),
  ),
});
export const ZPaymentStatusSchema = ZPaymentSchema.extend({ payment_id: z.string(), backend_error: z.string().nullable() });
export const ZPaymentCancelSchema = z.object({ payment_id: z.string(), status: z.enum(PAYMENT_STATUSES) });
export const ZWebhookAnswerSchema = z.object({ received: z.literal(true), outcome: z.enum(["applied", "unchanged", "duplicate", "ignored"]) });

/** A line of the prepaid balance's ledger (spec 15): signed, money in positive, a purchase negative. */
export const ZBalanceEntrySchema = z.object({
  id: z.string(),
  kind: z
    .enum(BALANCE_ENTRY_KINDS)
    .describe(
      "top_up: a payment into the balance; renewal: Pro paid from it (bought or renewed); addon: an add-on bought from it; addon_renewal: an add-on renewed from it; credit: money added without a payment; refund: money back, such as a payment that completed after the console had ended it",
    ),
  amount: ZMajor("the change, signed"),
  amount_minor: ZMinor("the change, signed"),
  balance_after: ZMajor("the balance once this entry was written (never below 0)"),
  balance_after_minor: ZMinor("the balance once this entry was written"),
  currency: ZCurrency,
  payment_id: z.string().nullable().describe("the payment it belongs to (a top-up, or the purchase it paid)"),
  resource_id: z.string().nullable().describe("the add-on an addon or addon_renewal entry paid for"),
  created_at: ZDate,
  note: z.string().nullable(),
});
const ZRenewalSchema = z.object({
  item: z.string().describe("pro, or the add-on's id (what POST /api/billing/{team}/auto-renew takes)"),
  kind: z.enum(["pro", "addon"]),
  resource_type: z.enum(ADDON_TYPES).nullable(),
  quantity: z.number().int().nullable(),
  due_at: ZDate.describe("the end of the period: a renewal starts there"),
  price: ZMajor("what the renewal costs").nullable(),
  price_minor: ZMinor("what the renewal costs").nullable(),
  auto_renew: z.boolean().describe("renews from the balance (within 24 hours of due_at)"),
  status: z.enum(["active", "past_due"]),
  covered: z.boolean().nullable().describe("auto_renew only: whether the balance pays for it, after the renewals due before it"),
  shortfall_minor: z.number().int().nullable().describe("auto_renew only: what the balance lacks for it (0 when covered), minor units"),
  past_due: z.boolean(),
});
/** The prepaid balance, its top-up bounds and the next renewals: what `POST /api/billing/{team}/auto-renew` answers. */
export const ZBalanceViewSchema = z.object({
  currency: ZCurrency,
  balance: ZMajor("the balance"),
  balance_minor: ZMinor("the balance"),
  top_up: z
    .object({
      min: z.number(),
      max: z.number(),
      step: z.number(),
      min_minor: z.number().int(),
      max_minor: z.number().int(),
      step_minor: z.number().int(),
    })
    .describe("a top-up's amount: from Pro's price to 100 times it, francs in steps of 5"),
  renewals: z.array(ZRenewalSchema).describe("Pro (unless a Stripe subscription renews it) and each active or past-due add-on, by due date"),
  pro_renews_by_card: z.boolean().describe("a Stripe subscription renews Pro: its switch here is refused (409 stripe_subscription_active)"),
  next_uncovered: ZRenewalSchema.nullable().describe("the first renewal from the balance that the balance does not cover"),
  next_renewal: ZRenewalSchema.nullable().describe("the first renewal from the balance"),
  past_due: z.boolean().describe("something could not be renewed and is in its grace days"),
  now: ZDate.describe("the instant the renewals were planned at"),
});
/** `GET /api/billing/{team}/balance`: the balance view and a page of the ledger, newest first. */
export const ZBalanceSchema = ZBalanceViewSchema.extend({
  entries: z.array(ZBalanceEntrySchema).describe("newest first"),
  next_before: z.number().int().nullable().describe("pass as ?before= for the next (older) page; null on the last page"),
});

export const ZCatalogueSchema = z.object({
  resources: z.array(
    z.object({
      type: z.enum(ADDON_TYPES),
      name: z.string(),
      unit: z.string(),
      price: z.number(),
      price_minor: z.number().int(),
      currency: ZCurrency,
      description: z.string(),
      icon: z.string(),
    }),
  ),
});
export const ZPurchaseAnswerSchema = z.object({
  payment_id: z.string(),
  resource_id: z.string(),
  amount: z.number(),
  currency: z.string(),
  payment_url: z.string().nullable(),
  qr_code: z.string().nullable(),
  status: z.enum(PAYMENT_STATUSES),
});
const ZAddonSchema = z.object({
  id: z.string(),
  resource_type: z.enum(ADDON_TYPES),
  quantity: z.number().int(),
  unit_price: z.number(),
  total_price: z.number(),
  currency: z.string(),
  status: z.enum(ADDON_STATUSES).describe("past_due: its renewal from the balance was not covered; it still counts during the grace days"),
  payment_id: z.string().nullable(),
  expires_at: ZDate.nullable(),
  auto_renew: z.boolean().describe("renews from the prepaid balance when it falls due"),
  created_at: ZDate,
});
export const ZAddonListSchema = z.object({ resources: z.array(ZAddonSchema), totals: ZAddonTotals });
export const ZAddonCancelSchema = z.object({ resource: ZAddonSchema });

export const ZTicketCreatedSchema = z.object({
  ticket_id: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(TICKET_PRIORITIES),
  category: z.enum(TICKET_CATEGORIES),
  created_at: ZDate,
});
/** A ticket as every list and view sends it (REST and tRPC alike): its state and its first-response target. */
export const ZTicketSummarySchema = z.object({
  id: z.string(),
  team_id: z.string(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(TICKET_PRIORITIES),
  category: z.enum(TICKET_CATEGORIES),
  assigned_to: z.string().nullable(),
  created_at: ZDate,
  updated_at: ZDate,
  first_response_at: ZDate.nullable(),
  resolved_at: ZDate.nullable(),
  closed_at: ZDate.nullable(),
  language: z.enum(["en", "fr"]).describe("the requester's language: the ticket's e-mails and system messages are written in it"),
  rating: z
    .object({ score: z.number().int(), comment: z.string().nullable(), rated_at: ZDate })
    .nullable()
    .describe("the requester's satisfaction rating, once the ticket is resolved (spec 19)"),
  sla: z.object({
    target_hours: z.number(),
    due_at: ZDate,
    state: z.enum(["pending", "met", "breached"]),
    minutes_left: z.number().int().nullable().describe("minutes before the first-response target (negative once breached); null once answered"),
  }),
});
export const ZTicketListSchema = z.object({ tickets: z.array(ZTicketSummarySchema) });
export const ZTicketMessageViewSchema = z.object({
  id: z.string(),
  author_type: z.enum(MESSAGE_AUTHOR_TYPES),
  author_name: z.string().nullable(),
  message: z.string(),
  created_at: ZDate,
  is_internal: z.literal(true).optional().describe("staff only: an internal note"),
});
export const ZTicketSchema = ZTicketSummarySchema.extend({
  description: z.string(),
  requested_by_you: z.boolean().describe("whether the caller opened this ticket: only its requester may rate it (spec 19)"),
  team: z.object({ slug: z.string(), name: z.string() }).nullable(),
  messages: z.array(ZTicketMessageViewSchema),
});
export const ZTicketMessageAnswerSchema = z.object({
  id: z.string(),
  author_type: z.enum(MESSAGE_AUTHOR_TYPES),
  message: z.string(),
  created_at: ZDate,
  ticket_status: z.enum(TICKET_STATUSES),
  is_internal: z.literal(true).optional().describe("staff only"),
});
export const ZTicketStatsSchema = z.object({
  by_status: z.record(z.string(), z.number()),
  by_priority: z.record(z.string(), z.number()),
  total: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  avg_resolution_hours: z.number().nullable(),
  avg_first_response_hours: z.number().nullable(),
  median_first_response_hours: z.number().nullable(),
  satisfaction: z
    .object({
      window_days: z.number().int(),
      ratings: z.number().int(),
      average: z.number().nullable(),
      satisfied_share: z.number().nullable().describe("the share of ratings of 4 or 5, 0 to 1"),
    })
    .describe("ratings given in the last 30 days (spec 19)"),
});
export const ZTicketRatingSchema = z.object({ ticket_id: z.string(), score: z.number().int(), comment: z.string().nullable(), rated_at: ZDate });
