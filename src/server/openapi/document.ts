import { z } from "zod";
import { ZPurchaseAddonSchema } from "@/lib/schemas/addons";
import { ZInitiatePaymentSchema, ZPaymentWebhookSchema, ZStripeCheckoutSchema } from "@/lib/schemas/payments";
import { ZAutoRenewSchema, ZLedgerQuerySchema, ZUpdateBillingProfileSchema } from "@/lib/schemas/billing";
import { ADDONS } from "@/lib/addons";
import { topUpBounds } from "@/lib/balance";
import { fromMinor, plainAmount } from "@/lib/money";
import * as R from "@/lib/schemas/rest";
import { AUTH_REFUSALS } from "@/server/api/error-mapping";
import { paymentsNotConfigured } from "@/server/errors";
import { balanceTooLow } from "@/server/services/billing/balance";
import { ZCreateTicketSchema, ZRateTicketSchema, ZRestTicketMessageSchema } from "@/lib/schemas/support";
import { ZMonthKeySchema, ZTrafficBatchSchema } from "@/lib/schemas/usage";
import { TICKET_STATUSES } from "@/lib/support";
import * as W from "@/lib/schemas/webhooks";

type TAuth = "token" | "ingest" | "metrics" | "webhook" | "stripe" | "none" | "sandbox" | "session";
type TMethod = "get" | "post" | "put" | "patch" | "delete";

interface TOperation {
  method: TMethod;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: TAuth;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: {
    status: number;
    schema?: z.ZodType;
    description: string;
    /** A body that is not JSON: CSV as text, a PDF as binary. */
    contentType?: string;
    headers?: Record<string, { description: string; example?: string }>;
  };
  errors: number[];
  /** This operation's own example (and wording) of an error status, where the generic one would mislead. */
  errorExamples?: Partial<Record<number, TErrorExample>>;
}

interface TErrorExample {
  description?: string;
  error: { code: string; message: string } & Record<string, string | number | boolean | null>;
}

const ERROR_TEXT: Record<number, [string, string, string]> = {
  400: ["Invalid input: the message names the field", "invalid_request", "events.0.bytes: must not be negative"],
  401: ["Missing or invalid credentials", "unauthenticated", AUTH_REFUSALS.unauthenticated],
  403: ["The caller's role or plan does not allow this", "insufficient_role", "Only the team's owners and admins may make payments."],
  404: ["Not found, or not yours (another team's things answer 404)", "not_found", "Team not found."],
  409: ["The thing's state forbids it", "ticket_closed", "This ticket is closed and takes no more messages or changes."],
  422: ["Well-formed but refused", "amount_mismatch", "The payment was not updated: amount 0.50 differs from 3.00."],
  429: ["Rate limited: see Retry-After", "rate_limited", "Too many requests: at most 600 a minute. Try again in 12 s."],
  502: ["The payment backend failed", "payment_backend_unreachable", "The payment backend cannot be reached right now. Try again in a moment."],
  503: ["A dependency of ours is not available", "payments_not_configured", paymentsNotConfigured().message],
};

/** A REST error answer as the API writes it, `exposed` figures included. */
const exampleOf = (err: { reason: string; message: string; exposed?: Record<string, string | number | boolean | null> }) => ({
  ...err.exposed,
  code: err.reason,
  message: err.message,
});

const BALANCE_TOO_LOW: TErrorExample = {
  description: "balance_too_low: payment_method balance, and the balance does not cover the price; `shortfall` (and `shortfall_minor`) says what is missing",
  error: exampleOf(balanceTooLow(1940, "XOF", "Pro")),
};

const TOP_UP_OUT_OF_BOUNDS: TErrorExample = (() => {
  const b = topUpBounds("EUR");
  return {
    description:
      "Invalid input: the message names the field. A top-up's amount out of its bounds is `top_up_out_of_bounds` (francs not in steps of 5: `top_up_step`), with `min`, `max` and `step`",
    error: {
      code: "top_up_out_of_bounds",
      message: `amount: a top-up is from ${plainAmount(b.min, "EUR")} to ${plainAmount(b.max, "EUR")}.`,
      min: fromMinor(b.min, "EUR"),
      max: fromMinor(b.max, "EUR"),
      step: fromMinor(b.step, "EUR"),
    },
  };
})();

const team = { name: "team", in: "path", required: true, description: "team slug or id", schema: { type: "string" } };
const PATH_PARAMS: Record<string, string> = {
  payment_id: "payment id (pay_…)",
  procedure: "procedure path, e.g. teams.list",
  number: "the document's number, as GET /api/billing/{team}/documents lists it (SL-2026-000001, ST-2026-11-acme)",
};
const idParam = (name: string, description: string) => ({ name, in: "path", required: true, description, schema: { type: "string" } });

/** Every route handler under src/app/api, described (a test keeps this list and the files in step). */
export const OPERATIONS: TOperation[] = [
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "Health",
    summary: "This document",
    auth: "none",
    ok: { status: 200, description: "OpenAPI 3.1" },
    errors: [],
  },
  {
    method: "get",
    path: "/api/health",
    tag: "Health",
    summary: "Liveness",
    auth: "none",
    ok: { status: 200, schema: R.ZHealthSchema, description: "The process answers" },
    errors: [],
  },
  {
    method: "get",
    path: "/api/events",
    tag: "Live updates",
    summary: "The caller's live updates, as Server-Sent Events (session cookie or Bearer token)",
    description:
      "`text/event-stream` with `Cache-Control: no-cache, no-transform`. Each event has an `id` (send it back as `Last-Event-ID`, or `?last_event_id=`, to resume: the events of the last 10 minutes after it are sent first), an `event` type and JSON `data`: `payment.updated` (id, status, reason), `plan.changed`, `notification.created`, `ticket.message` (public messages to the team; every message, internal notes included, to staff), `ticket.status` and `usage.level`. Only the teams the caller belongs to (every team for staff) reach the stream, checked per event: a member removed stops receiving at once. A comment line every 25 s keeps the connection open; signing out or revoking the token ends the stream.",
    auth: "token",
    ok: { status: 200, description: "An endless stream of events", contentType: "text/event-stream" },
    errors: [401, 429],
  },
  {
    method: "get",
    path: "/api/health/live",
    tag: "Health",
    summary: "Liveness, at the Stripe notes' path",
    description: "The same as /api/health: the process answers; nothing else (not even the database) is asked.",
    auth: "none",
    ok: { status: 200, schema: R.ZLiveSchema, description: "The process answers" },
    errors: [],
  },
  {
    method: "get",
    path: "/api/health/ready",
    tag: "Health",
    summary: "Readiness: the database answers",
    description: "Only the database makes an instance unready (a late job does not: see /api/health/jobs).",
    auth: "none",
    ok: { status: 200, schema: R.ZReadySchema, description: "Ready (503 with the same shape and the reason when not)" },
    errors: [503],
  },
  {
    method: "get",
    path: "/api/health/jobs",
    tag: "Health",
    summary: "The scheduled jobs' heartbeats: each one's last success against its allowance",
    description:
      "26 hours for the daily jobs, 32 days for issue-monthly-statements, 10 minutes for deliver-webhooks (`allowance_hours` 10/60); event-driven functions (reconcile-payment) are not listed. A job that never ran is `never_run`, not a failure.",
    auth: "none",
    ok: {
      status: 200,
      schema: R.ZJobsHealthSchema,
      description: "Every job within its allowance (503 with the same shape, status `late`, when one is past it)",
    },
    errors: [503],
  },
  {
    method: "get",
    path: "/api/metrics",
    tag: "Health",
    summary: "Prometheus metrics (text exposition format), for a scraper holding METRICS_TOKEN",
    description:
      "Request durations by route and status, ingest batches, webhook deliveries, payment times, and gauges read from the database at each scrape (payments by provider, method and status; open tickets and SLA breaches; projects by status; each scheduled job's last success and allowance). A 404 while METRICS_TOKEN is unset, as for any unknown path; a 401 with `WWW-Authenticate: Bearer` for a missing or wrong token.",
    auth: "metrics",
    ok: { status: 200, description: "Prometheus text format", contentType: "text/plain" },
    errors: [401, 404],
    errorExamples: {
      401: {
        description: "No token, or not METRICS_TOKEN",
        error: { code: "invalid_metrics_token", message: "Send the metrics token as 'Authorization: Bearer <METRICS_TOKEN>'." },
      },
      404: { description: "METRICS_TOKEN is not set: the path does not exist", error: { code: "not_found", message: "Not found." } },
    },
  },
  {
    method: "post",
    path: "/api/usage/traffic",
    tag: "Usage",
    summary: "Report traffic (edge proxy)",
    description:
      "1 to 10,000 events. `Idempotency-Key` makes a retried batch count once; the answer of a replay carries `Idempotent-Replayed: true`. Unknown projects and times out of the window (35 days back, 5 minutes ahead) are rejected one by one.",
    auth: "ingest",
    body: ZTrafficBatchSchema,
    ok: { status: 200, schema: R.ZTrafficResultSchema, description: "Counted" },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/api/usage/{team}/summary",
    tag: "Usage",
    summary: "The team's usage for a month, with effective limits and levels",
    auth: "token",
    query: z.object({ month: ZMonthKeySchema.optional() }),
    ok: { status: 200, schema: R.ZUsageSummarySchema, description: "Summary" },
    errors: [400, 401, 404, 429],
  },
  {
    method: "get",
    path: "/api/usage/{team}/export",
    tag: "Usage",
    summary: "The month's daily usage rows as CSV",
    auth: "token",
    query: z.object({ month: ZMonthKeySchema }),
    ok: { status: 200, description: "CSV: day,project_id,project_slug,project_name,traffic_bytes,requests,storage_bytes", contentType: "text/csv" },
    errors: [400, 401, 404, 429],
  },
  {
    method: "post",
    path: "/api/payments/{team}/initiate",
    tag: "Payments",
    summary: "Start a payment for Pro or a top-up of the prepaid balance, or pay Pro from the balance (owners and admins)",
    description:
      "`purpose`: `plan_upgrade` (the default; the notes' `plan_upgrade: true, new_plan: pay_as_you_go` still accepted) or `top_up`. A top-up names its `amount` in major units, from Pro's price to 100 times it (3.00 to 300.00 EUR; 1970 to 197000 XOF or XAF, in steps of 5 francs): out of bounds is a 400 `top_up_out_of_bounds` (`top_up_step` for francs not a multiple of 5) with `min`, `max` and `step`; its completion credits the balance (a `top_up` entry of GET /api/billing/{team}/balance). `payment_method: balance` pays Pro at once from the prepaid balance, with no provider: the answer is `completed`, and a balance that does not cover the price is a 409 `balance_too_low` with `shortfall` (a top-up cannot be paid from the balance: 400). For Pro the amount is computed by the server in the team's currency (3.00 EUR, 1970 XOF or XAF); a different `amount`, or francs with decimals, is a 400. `mobile_money` needs `payer_phone` (normalised to E.164, read in the team's country) and an `operator` of that number's country (400 naming the field otherwise); left out, the number the team paid with last is used. The payment ends by `expires_at` (the backend's, else 10 minutes for Mobile Money and 60 for a card page). The payment is written pending before its provider is called; a provider failure answers 502 and the payment is failed. With STRIPE_SECRET_KEY set, `credit_card` goes through Stripe Checkout (`payment_url` is the Checkout page) and `auto_renew: true` bills Pro to the card every 30 days (409 when the team already has such a subscription); Mobile Money stays with the payment backend.",
    auth: "token",
    body: ZInitiatePaymentSchema,
    ok: {
      status: 200,
      schema: R.ZInitiateAnswerSchema,
      description: "The pending payment with its payment page, or, paid from the balance, the completed payment",
    },
    errors: [400, 401, 403, 404, 409, 429, 502],
    errorExamples: {
      400: TOP_UP_OUT_OF_BOUNDS,
      409: {
        ...BALANCE_TOO_LOW,
        description: `${BALANCE_TOO_LOW.description}; stripe_subscription_active: auto_renew while a Stripe subscription already renews Pro`,
      },
    },
  },
  {
    method: "get",
    path: "/api/payments/{team}/history",
    tag: "Payments",
    summary: "The team's payments, newest first",
    auth: "token",
    ok: { status: 200, schema: R.ZPaymentHistorySchema, description: "Payments" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/api/payments/{payment_id}/status",
    tag: "Payments",
    summary: "A payment's status (asks the backend while pending)",
    auth: "token",
    ok: { status: 200, schema: R.ZPaymentStatusSchema, description: "Payment" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/api/payments/{payment_id}/cancel",
    tag: "Payments",
    summary: "Cancel a pending payment (owners and admins)",
    auth: "token",
    ok: { status: 200, schema: R.ZPaymentCancelSchema, description: "Cancelled" },
    errors: [401, 403, 404, 409, 429, 502],
  },
  {
    method: "post",
    path: "/api/payments/callback",
    tag: "Payments",
    summary: "Payment backend webhook (Standard Webhooks signature)",
    description:
      "Signed with PAYMENT_WEBHOOK_SECRET: headers webhook-id, webhook-timestamp (5-minute tolerance), webhook-signature. A webhook-id seen before answers 200 `duplicate`. Deliveries may come in any order and more than once: a payment never moves back from a final status (an interim `processing` after `completed` answers `unchanged`). A delivery without `amount` or `currency` is decided by the backend's status endpoint (503 when it cannot be asked: send it again). An amount in francs with decimals, or in another currency than the payment's, is a 422. A `completed` for a payment the console already ended (expired) is recorded as late money, not applied, and answers `unchanged`. See docs/payment-backend.md.",
    auth: "webhook",
    body: ZPaymentWebhookSchema,
    ok: { status: 200, schema: R.ZWebhookAnswerSchema, description: "Accepted" },
    errors: [400, 401, 404, 422, 503],
  },
  {
    method: "post",
    path: "/api/stripe/create-checkout-session",
    tag: "Stripe",
    summary: "Open a Stripe Checkout for Pro or a top-up (owners and admins)",
    description:
      "The Stripe notes' path (spec 20), on the console's payments: the same payment as POST /api/payments/{team}/initiate with `payment_method: credit_card`. An empty body is Pro at the server's price; `purpose: top_up` with `amount` (major units) tops the balance up; `auto_renew: true` bills Pro to the card every 30 days (a subscription-mode Checkout; 409 `stripe_subscription_active` when one already renews the team). Without STRIPE_SECRET_KEY every Stripe path answers 404 `stripe_not_configured`, saying so. `?team=` is the team (slug or id); another team's is a 404.",
    auth: "token",
    query: R.ZStripeTeamQuery,
    body: ZStripeCheckoutSchema,
    ok: { status: 200, schema: R.ZStripeCheckoutAnswerSchema, description: "The pending payment and its Checkout page" },
    errors: [400, 401, 403, 404, 409, 429, 502],
  },
  {
    method: "get",
    path: "/api/stripe/subscription",
    tag: "Stripe",
    summary: "The team's plan, period end and card renewal",
    description:
      "`card_renewal` is null when Pro is not billed to a card. Without STRIPE_SECRET_KEY every Stripe path answers 404 `stripe_not_configured`, saying so. `?team=` is the team (slug or id); another team's is a 404.",
    auth: "token",
    query: R.ZStripeTeamQuery,
    ok: { status: 200, schema: R.ZStripeSubscriptionSchema, description: "Plan and card renewal" },
    errors: [400, 401, 404, 429],
  },
  {
    method: "post",
    path: "/api/stripe/subscription",
    tag: "Stripe",
    summary: "Start Pro billed to the card every 30 days (owners and admins)",
    description:
      "A subscription-mode Checkout for Pro at the server's price: the team is Pro once it is paid (Stripe's webhook). 409 `stripe_subscription_active` when a subscription already renews the team. Without STRIPE_SECRET_KEY every Stripe path answers 404 `stripe_not_configured`, saying so. `?team=` is the team (slug or id); another team's is a 404.",
    auth: "token",
    query: R.ZStripeTeamQuery,
    ok: { status: 200, schema: R.ZStripeCheckoutAnswerSchema, description: "The pending payment and its Checkout page" },
    errors: [400, 401, 403, 404, 409, 429, 502],
  },
  {
    method: "delete",
    path: "/api/stripe/subscription",
    tag: "Stripe",
    summary: "Stop renewing Pro to the card (owners and admins)",
    description:
      "Stripe's `cancel_at_period_end`: Pro runs to the end of the paid period, then stops; `card_renewal.status` is `ending` at once and the team is told. 409 `no_card_renewal` when nothing renews to a card (or it already ends). Without STRIPE_SECRET_KEY every Stripe path answers 404 `stripe_not_configured`, saying so. `?team=` is the team (slug or id); another team's is a 404.",
    auth: "token",
    query: R.ZStripeTeamQuery,
    ok: { status: 200, schema: R.ZStripeSubscriptionSchema, description: "Plan and card renewal, now ending" },
    errors: [400, 401, 403, 404, 409, 429, 502],
  },
  {
    method: "get",
    path: "/api/stripe/subscription/billing-portal",
    tag: "Stripe",
    summary: "A Stripe billing portal session for the team's customer (owners and admins)",
    description:
      "Cards, invoices and the renewal, on Stripe's page, coming back to Billing. 409 `no_stripe_customer` before a first card payment. Without STRIPE_SECRET_KEY every Stripe path answers 404 `stripe_not_configured`, saying so. `?team=` is the team (slug or id); another team's is a 404.",
    auth: "token",
    query: R.ZStripeTeamQuery,
    ok: { status: 200, schema: R.ZStripePortalSchema, description: "The portal's URL" },
    errors: [400, 401, 403, 404, 409, 429, 502],
  },
  {
    method: "get",
    path: "/api/stripe/payment/history",
    tag: "Stripe",
    summary: "The team's card payments through Stripe, newest first",
    description:
      "At most 50. Without STRIPE_SECRET_KEY every Stripe path answers 404 `stripe_not_configured`, saying so. `?team=` is the team (slug or id); another team's is a 404.",
    auth: "token",
    query: R.ZStripeTeamQuery,
    ok: { status: 200, schema: R.ZPaymentHistorySchema, description: "Payments" },
    errors: [400, 401, 404, 429],
  },
  {
    method: "get",
    path: "/api/stripe/payment/stats",
    tag: "Stripe",
    summary: "The team's card payments through Stripe, summed by currency",
    description:
      "Paid (count and amount in minor units), open, failed and cancelled. Without STRIPE_SECRET_KEY every Stripe path answers 404 `stripe_not_configured`, saying so. `?team=` is the team (slug or id); another team's is a 404.",
    auth: "token",
    query: R.ZStripeTeamQuery,
    ok: { status: 200, schema: R.ZStripeStatsSchema, description: "Sums by currency" },
    errors: [400, 401, 404, 429],
  },
  {
    method: "post",
    path: "/api/stripe/webhook",
    tag: "Payments",
    summary: "Stripe webhook (Stripe-Signature), when STRIPE_SECRET_KEY is set",
    description:
      "A Stripe event, verified with STRIPE_WEBHOOK_SECRET by the stripe library's constructEvent on the raw body (400 when the signature is wrong). checkout.session.completed completes the payment whose Checkout Session it is (amount and currency checked: 422 when they differ); invoice.payment_succeeded/failed and customer.subscription.updated/deleted follow a Pro billed as a Stripe subscription; other types answer 200 `ignored`. An event id seen before answers 200 `duplicate`. 404 when Stripe is not configured.",
    auth: "stripe",
    ok: { status: 200, schema: R.ZWebhookAnswerSchema, description: "Accepted" },
    errors: [400, 404, 422, 503],
  },
  {
    method: "get",
    path: "/api/billing/{team}/profile",
    tag: "Payments",
    summary: "The team's billing profile: currency, country and the legal details printed on its documents",
    description:
      "Members may read it. `legal_name`, `address`, `tax_id`, `billing_email` and `document_language` are the buyer on receipts and statements (spec 16); `effective_document_language` is the language the next documents are issued in (`document_language`, else French for a francophone country, else English).",
    auth: "token",
    ok: { status: 200, schema: R.ZBillingProfileSchema, description: "Billing profile" },
    errors: [401, 404, 429],
  },
  {
    method: "patch",
    path: "/api/billing/{team}/profile",
    tag: "Payments",
    summary: "Change the team's currency, country or legal details (owners and admins)",
    description:
      "Send at least one field; a field left out is kept, `null` (or an empty text) clears it. Country and currency must agree: XOF in UEMOA (CI, SN, BJ, BF, ML, NE, TG, GW), XAF in CEMAC (CM, GA, CG, TD, CF, GQ), EUR anywhere (400 `currency_country_mismatch`); a franc-zone country sent alone moves the team to its franc. The currency changes only while no payment is pending (409 `payment_pending`), the balance is empty (409 `balance_not_empty`) and no Stripe subscription renews Pro (409 `stripe_subscription_active`). The legal details (`legal_name` up to 200 characters, `address` up to 500, `tax_id` up to 100, `billing_email` an e-mail address, `document_language` `fr` or `en`) are printed on the documents issued from then on: a document already issued never changes.",
    auth: "token",
    body: ZUpdateBillingProfileSchema,
    ok: { status: 200, schema: R.ZBillingProfileSchema, description: "Billing profile" },
    errors: [400, 401, 403, 404, 409, 429],
    errorExamples: {
      400: { error: { code: "invalid_request", message: "billing_email: must be an e-mail address" } },
      403: { error: { code: "insufficient_role", message: "Only the team's owners and admins may change the billing profile." } },
      409: {
        description: "payment_pending, balance_not_empty or stripe_subscription_active: the currency cannot change now",
        error: {
          code: "payment_pending",
          message: "The currency cannot change while a payment is pending. Finish or cancel it on the Billing page first.",
        },
      },
    },
  },
  {
    method: "get",
    path: "/api/billing/{team}/documents",
    tag: "Documents",
    summary: "The team's receipts and monthly statements, newest first",
    description:
      "Every completed payment (any provider and purpose, the balance and automatic renewals included) has a receipt, numbered in the transaction that completed it from one gapless sequence per UTC year across all rails (`SL-2026-000001`, prefix DOCUMENT_PREFIX). Each team with a payment, a balance entry or a renewal in a month gets that month's statement on the 1st at 07:00 UTC (`ST-2026-11-<team slug>`: opening balance, top-ups, purchases and renewals, payments, closing balance, the month's traffic and peak storage against the limits). `pdf_url` is the document's PDF. Members may read them; the 100 newest are listed.",
    auth: "token",
    ok: { status: 200, schema: R.ZDocumentListSchema, description: "Documents" },
    errors: [401, 404, 429],
  },
  {
    method: "get",
    path: "/api/billing/{team}/documents/{number}.pdf",
    tag: "Documents",
    summary: "One receipt or monthly statement as its PDF",
    description:
      "The PDF in the document's language (number, date, seller, buyer, each line with its dates, the amount in the payment's currency, the method with the number masked; VAT once, on money paid in: a purchase from the balance says it was paid from it). A document is immutable: every download gives the same bytes, whatever changed in the billing profile or the seller's settings since. Members may read it; another team's number, or an unknown one, is a 404.",
    auth: "token",
    ok: {
      status: 200,
      description: "The PDF",
      contentType: "application/pdf",
      headers: {
        "Content-Disposition": { description: "attachment, named after the number", example: 'attachment; filename="SL-2026-000001.pdf"' },
        "Cache-Control": { description: "private to the team, and never changes", example: "private, max-age=31536000, immutable" },
      },
    },
    errors: [401, 404, 429],
    errorExamples: {
      404: { description: "Not found: an unknown number, or another team's document", error: { code: "not_found", message: "Document not found." } },
    },
  },
  {
    method: "get",
    path: "/api/billing/{team}/balance",
    tag: "Balance",
    summary: "The prepaid balance, its next renewals and a page of its ledger, newest first",
    description:
      "`{ currency, balance, entries: [{ id, kind, amount, balance_after, created_at, note }] }` in major units (`…_minor` beside), with the top-up bounds, the renewals (Pro and each add-on, with whether the balance covers each one set to renew) and `next_before`: pass it as `?before=` for the next page. `limit`: 1 to 100 (default 20). Entries are signed: top-ups, credits and refunds are positive, purchases from the balance negative. Members may read it.",
    auth: "token",
    query: ZLedgerQuerySchema,
    ok: { status: 200, schema: R.ZBalanceSchema, description: "Balance and ledger" },
    errors: [400, 401, 404, 429],
    errorExamples: { 400: { error: { code: "invalid_request", message: "limit: must be at most 100" } } },
  },
  {
    method: "post",
    path: "/api/billing/{team}/auto-renew",
    tag: "Balance",
    summary: "Switch automatic renewal from the balance for Pro or an add-on (owners and admins)",
    description:
      "`item`: `pro`, or the id of one of the team's active add-ons (another team's, or an unknown id, is a 404). Switched on, the item renews from the balance within 24 hours of its due date, from the old period's end; when the balance will not cover it the team is reminded 7 and 3 days before, then it is `past_due` for 3 days (limits kept) and lapses. For Pro: 409 `stripe_subscription_active` while a Stripe card subscription renews it, 409 `not_pro` on Free. Answers the balance view.",
    auth: "token",
    body: ZAutoRenewSchema,
    ok: { status: 200, schema: R.ZBalanceViewSchema, description: "The balance view, with the switch applied" },
    errors: [400, 401, 403, 404, 409, 429],
    errorExamples: {
      403: { error: { code: "insufficient_role", message: "Only the team's owners and admins may change automatic renewal." } },
      404: { error: { code: "not_found", message: "Add-on not found." } },
      409: {
        description:
          "stripe_subscription_active (Pro renewed by a Stripe card subscription), not_pro (the team is on Free) or not_renewable (the add-on is not active)",
        error: {
          code: "stripe_subscription_active",
          message: "Pro is renewed by a Stripe card subscription. Stop it with “Manage card billing” first, then renew from the balance.",
        },
      },
    },
  },
  {
    method: "get",
    path: "/api/resources/{team}/available",
    tag: "Add-ons",
    summary: "The add-on catalogue with prices",
    auth: "token",
    ok: { status: 200, schema: R.ZCatalogueSchema, description: "Catalogue" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/api/resources/{team}/purchase",
    tag: "Add-ons",
    summary: "Buy add-on units for 30 days (Pro teams; owners and admins)",
    description:
      "`payment_method`: `mobile_money` (the default, with `payer_phone` and `operator`), `credit_card`, or `balance`: paid at once from the prepaid balance, the add-on active and the payment `completed` in the answer, or a 409 `balance_too_low` with `shortfall` when the balance does not cover it (nothing is bought). A renewal (tRPC `addons.renew`) takes the same methods; POST /api/billing/{team}/auto-renew makes an add-on renew from the balance by itself.",
    auth: "token",
    body: ZPurchaseAddonSchema,
    ok: {
      status: 200,
      schema: R.ZPurchaseAnswerSchema,
      description: "The pending add-on and its payment, or, paid from the balance, the active add-on and its completed payment",
    },
    errors: [400, 401, 403, 404, 409, 429, 502],
    errorExamples: { 409: { ...BALANCE_TOO_LOW, error: exampleOf(balanceTooLow(340, "XOF", `2 × ${ADDONS.ram.name}`)) } },
  },
  {
    method: "get",
    path: "/api/resources/{team}/list",
    tag: "Add-ons",
    summary: "The team's add-ons and the totals of the active ones",
    auth: "token",
    ok: { status: 200, schema: R.ZAddonListSchema, description: "Add-ons" },
    errors: [401, 404, 429],
  },
  {
    method: "delete",
    path: "/api/resources/{team}/cancel/{id}",
    tag: "Add-ons",
    summary: "Cancel an active add-on at once (no refund)",
    auth: "token",
    ok: { status: 200, schema: R.ZAddonCancelSchema, description: "Cancelled" },
    errors: [401, 403, 404, 409, 429],
  },
  {
    method: "get",
    path: "/api/resources/{team}/limits",
    tag: "Add-ons",
    summary: "Effective limits: plan + active add-ons",
    auth: "token",
    ok: { status: 200, schema: R.ZLimitsSchema, description: "Limits" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/api/support/{team}/tickets",
    tag: "Support",
    summary: "Open a ticket (a Pro team's is at least high priority)",
    auth: "token",
    body: ZCreateTicketSchema,
    ok: { status: 201, schema: R.ZTicketCreatedSchema, description: "Created" },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/api/support/{team}/tickets",
    tag: "Support",
    summary: "The team's tickets, newest first",
    auth: "token",
    query: z.object({ status: z.enum(TICKET_STATUSES).optional() }),
    ok: { status: 200, schema: R.ZTicketListSchema, description: "Tickets" },
    errors: [400, 401, 404, 429],
  },
  {
    method: "get",
    path: "/api/support/{team}/tickets/{id}",
    tag: "Support",
    summary: "A ticket with its conversation (internal notes for staff only)",
    auth: "token",
    ok: { status: 200, schema: R.ZTicketSchema, description: "Ticket" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/api/support/{team}/tickets/{id}/messages",
    tag: "Support",
    summary: "Reply on a ticket (staff: or an internal note)",
    auth: "token",
    body: ZRestTicketMessageSchema,
    ok: { status: 201, schema: R.ZTicketMessageAnswerSchema, description: "Added" },
    errors: [400, 401, 403, 404, 409, 429],
  },
  {
    method: "get",
    path: "/api/support/{team}/stats",
    tag: "Support",
    summary: "The team's ticket statistics",
    auth: "token",
    ok: { status: 200, schema: R.ZTicketStatsSchema, description: "Stats" },
    errors: [401, 404, 429],
  },
  {
    method: "post",
    path: "/api/support/{team}/tickets/{id}/rating",
    tag: "Support",
    summary: "Rate a resolved ticket 1 to 5 with a comment, once",
    description:
      "The ticket's requester (who opened it) rates it once it is resolved (409 `ticket_not_resolved` before), once (409 `already_rated` after); another member of the team gets 403 `not_requester`. The same as tRPC `tickets.rate`; the resolution e-mail's link (GET/POST /api/ticket-rating/{id}) rates it too.",
    auth: "token",
    body: ZRateTicketSchema,
    ok: { status: 201, schema: R.ZTicketRatingSchema, description: "Rated" },
    errors: [400, 401, 403, 404, 409, 429],
  },
  {
    method: "get",
    path: "/api/ticket-rating/{id}",
    tag: "Support",
    summary: "The rating form of a resolution e-mail's single-use link (`?token=`), an HTML page",
    description:
      "No sign-in: the token is the right to rate this one ticket, once. The page shows nothing of the ticket; a link that is not valid, or was used, answers 404.",
    auth: "none",
    ok: { status: 200, description: "The form", contentType: "text/html" },
    errors: [404],
  },
  {
    method: "post",
    path: "/api/ticket-rating/{id}",
    tag: "Support",
    summary: "Records the score of a resolution e-mail's single-use link (a form: `token`, `score` 1 to 5, `comment`), an HTML page",
    auth: "none",
    ok: { status: 200, description: "Thanks", contentType: "text/html" },
    errors: [400, 404, 409],
  },
  {
    method: "get",
    path: "/api/webhooks/{team}/endpoints",
    tag: "Webhooks",
    summary: "The team's webhook endpoints (owners and admins), never their secrets",
    auth: "token",
    ok: { status: 200, schema: W.ZWebhookEndpointListSchema, description: "Endpoints" },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/api/webhooks/{team}/endpoints",
    tag: "Webhooks",
    summary: "Add a webhook endpoint (owners and admins, at most 10 per team); its whsec_ secret is in this answer only",
    description:
      "The URL is https; one that names or resolves to a loopback, private, link-local or reserved address (or localhost) is a 400 `webhook_url_refused`. Deliveries are signed as Standard Webhooks say (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the secret.",
    auth: "token",
    body: W.ZCreateWebhookEndpointSchema,
    ok: { status: 201, schema: W.ZWebhookEndpointCreatedSchema, description: "Added, with its secret" },
    errors: [400, 401, 403, 404, 429],
    errorExamples: {
      400: {
        description: "Invalid input: the message names the field; a URL refused by the address rules is `webhook_url_refused`",
        error: { code: "webhook_url_refused", message: "The endpoint URL must start with https://." },
      },
    },
  },
  {
    method: "delete",
    path: "/api/webhooks/{team}/endpoints/{id}",
    tag: "Webhooks",
    summary: "Remove a webhook endpoint, with its deliveries and their log",
    auth: "token",
    ok: { status: 200, schema: W.ZWebhookEndpointRemovedSchema, description: "Removed" },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/api/webhooks/{team}/endpoints/{id}/test",
    tag: "Webhooks",
    summary: "Send a webhook.test event to the endpoint now (`servelink webhooks test`)",
    description: "Sent whether the endpoint is enabled or not; a failed one is retried on the schedule like any delivery.",
    auth: "token",
    ok: { status: 200, schema: W.ZWebhookAttemptAnswerSchema, description: "The attempt's outcome" },
    errors: [401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/api/webhooks/{team}/deliveries",
    tag: "Webhooks",
    summary: "The team's webhook deliveries, newest first, each with its attempt log",
    auth: "token",
    query: z.object({ endpoint_id: z.string().optional(), limit: z.number().int().min(1).max(200).optional() }),
    ok: { status: 200, schema: W.ZWebhookDeliveryListSchema, description: "Deliveries" },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/api/webhooks/{team}/deliveries/{id}/replay",
    tag: "Webhooks",
    summary: "Send a delivery again now, with its webhook-id and body (logged as one more attempt)",
    auth: "token",
    ok: { status: 200, schema: W.ZWebhookAttemptAnswerSchema, description: "The attempt's outcome" },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/api/sandbox/v1/payments/initiate",
    tag: "Sandbox payment backend",
    summary: "Sandbox: start a payment (the contract of docs/payment-backend.md)",
    description:
      "Only when no PAYMENT_BACKEND_URL is set (development), or with PAYMENT_SANDBOX=1. Contract version 2: takes `payer: { phone, operator, country }`; answers `expires_at` (SANDBOX_APPROVAL_WINDOW_S after now) and `instructions`. The payer's number decides what happens (spec 14.4): ending 0001 approved after 5 s, 0002 fails insufficient_funds, 0003 never approved, 0004 three callbacks out of order, 0005 no callback; anything else waits for Pay or Fail on the hosted page.",
    auth: "sandbox",
    ok: { status: 200, description: "{ external_payment_id, payment_url, qr_code, status, expires_at, instructions }" },
    errors: [400, 401, 404],
  },
  {
    method: "get",
    path: "/api/sandbox/v1/payments/{id}/status",
    tag: "Sandbox payment backend",
    summary: "Sandbox: a payment's status",
    auth: "sandbox",
    ok: { status: 200, description: "{ external_payment_id, status, amount, currency, transaction_id, failure_reason }" },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/api/sandbox/v1/payments/{id}/cancel",
    tag: "Sandbox payment backend",
    summary: "Sandbox: cancel a pending payment",
    auth: "sandbox",
    ok: { status: 200, description: "{ external_payment_id, status }" },
    errors: [401, 404, 409],
  },
  {
    method: "get",
    path: "/api/trpc/{procedure}",
    tag: "Typed API",
    summary: "tRPC queries (use the typed client, src/client)",
    description: "The browser and `createServelinkClient` speak tRPC v11 with superjson here; see the README's 'Scripting the console'.",
    auth: "token",
    ok: { status: 200, description: "tRPC response" },
    errors: [400, 401, 404],
  },
  {
    method: "post",
    path: "/api/trpc/{procedure}",
    tag: "Typed API",
    summary: "tRPC mutations (use the typed client, src/client)",
    auth: "token",
    ok: { status: 200, description: "tRPC response" },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: "get",
    path: "/api/auth/{path}",
    tag: "Sign-in",
    summary: "Browser sessions (better-auth): session and sign-out",
    auth: "session",
    ok: { status: 200, description: "better-auth response" },
    errors: [401],
  },
  {
    method: "post",
    path: "/api/auth/{path}",
    tag: "Sign-in",
    summary: "Browser sessions (better-auth): sign-up and sign-in by e-mail",
    description: "Sign-in is rate limited per IP (AUTH_RATE_LIMIT_MAX per 10 s).",
    auth: "session",
    ok: { status: 200, description: "better-auth response" },
    errors: [400, 401, 429],
  },
  {
    method: "get",
    path: "/api/inngest",
    tag: "Jobs",
    summary: "Inngest: the scheduled functions' registration",
    auth: "none",
    ok: { status: 200, description: "Inngest introspection" },
    errors: [],
  },
  {
    method: "post",
    path: "/api/inngest",
    tag: "Jobs",
    summary: "Inngest: runs a function step (signed by Inngest)",
    auth: "none",
    ok: { status: 200, description: "Inngest step result" },
    errors: [401],
  },
  {
    method: "put",
    path: "/api/inngest",
    tag: "Jobs",
    summary: "Inngest: registers the functions with the Inngest server",
    auth: "none",
    ok: { status: 200, description: "Registered" },
    errors: [],
  },
];

const SECURITY: Record<TAuth, Record<string, string[]>[] | undefined> = {
  token: [{ personalToken: [] }, { session: [] }],
  ingest: [{ ingestToken: [] }],
  metrics: [{ metricsToken: [] }],
  webhook: [{ standardWebhooks: [] }],
  stripe: [{ stripeSignature: [] }],
  sandbox: [{ sandboxApiKey: [] }],
  session: [],
  none: [],
};

function toSchema(schema: z.ZodType, io: "input" | "output") {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
    // A Date travels in REST's JSON as its ISO 8601 text.
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === "date") Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" });
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** A body that is not JSON: text, or bytes (OpenAPI 3.1 says it with contentMediaType; `format: binary` is 3.0's, which tools still read). */
function bodyOf(contentType: string) {
  return contentType.startsWith("text/") ? { type: "string" } : { type: "string", format: "binary", contentMediaType: contentType };
}

/** The OpenAPI 3.1 document of the REST surface, generated from the handlers' zod schemas. */
export function buildOpenApiDocument(baseUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params: unknown[] = [];
    for (const m of op.path.matchAll(/\{(\w+)\}/g)) {
      params.push(m[1] === "team" ? team : idParam(m[1]!, PATH_PARAMS[m[1]!] ?? m[1]!));
    }
    if (op.query) {
      for (const [name, prop] of Object.entries(op.query.shape)) {
        params.push({ name, in: "query", required: !(prop as z.ZodType).safeParse(undefined).success, schema: toSchema(prop as z.ZodType, "input") });
      }
    }
    if (op.path === "/api/usage/traffic") params.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 } });
    const responses: Record<string, unknown> = {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.schema
          ? { content: { "application/json": { schema: toSchema(op.ok.schema, "output") } } }
          : op.ok.contentType
            ? { content: { [op.ok.contentType]: { schema: bodyOf(op.ok.contentType) } } }
            : {}),
        ...(op.ok.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(op.ok.headers).map(([name, h]) => [
                  name,
                  { description: h.description, schema: { type: "string" }, ...(h.example ? { example: h.example } : {}) },
                ]),
              ),
            }
          : {}),
      },
    };
    for (const status of op.errors) {
      const [description, code, message] = ERROR_TEXT[status]!;
      const own = op.errorExamples?.[status];
      responses[status] = {
        description: own?.description ?? description,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { error: own?.error ?? { code, message } } } },
      };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      security: SECURITY[op.auth],
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Servelink console API",
      version: "1.0.0",
      description:
        'The REST paths of the Servelink console: usage, traffic ingest, payments and their webhook, the prepaid balance and automatic renewal, receipts and monthly statements, add-ons, support, outbound webhooks, health. Authenticate with a personal API token (`Authorization: Bearer pat_…`, created in Settings). Every error answers `{ "error": { "code", "message" } }`, some with figures beside (`balance_too_low`: `shortfall`, `shortfall_minor`, `currency`). Money is in major units where the notes\' shapes say so (`amount: 3.0`), with `*_minor` integers beside (cents for EUR, francs for XOF and XAF); bytes are whole numbers (1 GB = 1024³).',
    },
    ...(baseUrl ? { servers: [{ url: baseUrl }] } : {}),
    components: {
      schemas: { Error: toSchema(R.ZErrorSchema, "output") },
      securitySchemes: {
        personalToken: { type: "http", scheme: "bearer", description: "A personal API token (pat_…)" },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "The browser session" },
        ingestToken: { type: "http", scheme: "bearer", description: "INGEST_TOKEN of the edge proxy" },
        metricsToken: { type: "http", scheme: "bearer", description: "METRICS_TOKEN of the Prometheus scraper" },
        standardWebhooks: { type: "apiKey", in: "header", name: "webhook-signature", description: "Standard Webhooks HMAC-SHA256 with PAYMENT_WEBHOOK_SECRET" },
        stripeSignature: { type: "apiKey", in: "header", name: "Stripe-Signature", description: "Stripe's webhook signature with STRIPE_WEBHOOK_SECRET" },
        sandboxApiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "PAYMENT_API_KEY" },
      },
    },
    paths,
  };
}
