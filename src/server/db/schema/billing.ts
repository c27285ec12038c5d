import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { ADDON_STATUSES, ADDON_TYPES } from "@/lib/addons";
import { PLAN_IDS } from "@/lib/plans";
import { PAYMENT_METHODS, PAYMENT_PROVIDERS, PAYMENT_PURPOSES, PAYMENT_STATUSES } from "@/lib/payments";
import { CURRENCIES } from "@/lib/money";
import { OPERATORS } from "@/lib/mobile-money";
import { BALANCE_ENTRY_KINDS } from "@/lib/balance";
import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES } from "@/lib/documents";
import { user } from "./auth";
import { ownedByTeam, team } from "./teams";
import { createdAt, oneOf, stampedAt, tstz, updatedAt } from "./_columns";

export const SUBSCRIPTION_STATUSES = ["active", "past_due", "cancelled"] as const;
/** A Pro billed by a Stripe subscription: renewing, its last charge failed, cancelled at the period end, or over. */
export const STRIPE_SUBSCRIPTION_STATUSES = ["active", "past_due", "ending", "cancelled"] as const;
export const WEBHOOK_OUTCOMES = ["processed", "duplicate", "rejected", "unknown_payment", "ignored", "invalid", "error", "late_completion"] as const;

export const subscriptionPlan = pgTable(
  "subscription_plan",
  {
    id: text("id", { enum: PLAN_IDS }).primaryKey(),
    name: text("name").notNull(),
    maxTeams: integer("max_teams").notNull(),
    maxMembers: integer("max_members").notNull(),
    maxProjects: integer("max_projects").notNull(),
    maxCpu: numeric("max_cpu", { precision: 8, scale: 2, mode: "number" }).notNull(),
    maxMemoryMb: integer("max_memory_mb").notNull(),
    maxTrafficGbPerMonth: integer("max_traffic_gb_per_month").notNull(),
    maxStorageMb: integer("max_storage_mb").notNull(),
    customDomains: boolean("custom_domains").notNull(),
    priceMinor: integer("price_minor").notNull(),
    currency: text("currency").notNull().default("EUR"),
  },
  (t) => [check("subscription_plan_price_check", sql`${t.priceMinor} >= 0`), check("subscription_plan_currency_check", sql`${t.currency} ~ '^[A-Z]{3}$'`)],
);

/** Exactly one current subscription per team (unique `team_id`). */
export const teamSubscription = pgTable(
  "team_subscription",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .unique()
      .references(() => team.id, { onDelete: "cascade" }),
    planId: text("plan_id", { enum: PLAN_IDS })
      .notNull()
      .references(() => subscriptionPlan.id),
    status: text("status", { enum: SUBSCRIPTION_STATUSES }).notNull().default("active"),
    currentPeriodEnd: tstz("current_period_end"),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id").unique(),
    /** Stripe's side only (the plan's own state is `status`), written by the Checkout link and Stripe's events. */
    stripeSubscriptionStatus: text("stripe_subscription_status", { enum: STRIPE_SUBSCRIPTION_STATUSES }),
    /** When Stripe's newest applied event about the subscription was created: older ones arriving late change nothing. */
    stripeStatusAt: tstz("stripe_status_at"),
    /** Pro renews from the prepaid balance on its date (spec 15); not while a Stripe subscription renews it. */
    autoRenew: boolean("auto_renew").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("team_subscription_period_end_idx").on(t.planId, t.currentPeriodEnd),
    index("team_subscription_auto_renew_idx")
      .on(t.currentPeriodEnd)
      .where(sql`auto_renew`),
    oneOf("team_subscription_status_check", "status", SUBSCRIPTION_STATUSES),
    oneOf("team_subscription_stripe_status_check", "stripe_subscription_status", STRIPE_SUBSCRIPTION_STATUSES, { nullable: true }),
  ],
);

export const payment = pgTable(
  "payment",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    externalPaymentId: text("external_payment_id").unique(),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull().default("payment_backend"),
    purpose: text("purpose", { enum: PAYMENT_PURPOSES }).notNull(),
    resourceId: text("resource_id").references((): AnyPgColumn => additionalResource.id, { onDelete: "set null" }),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency", { enum: CURRENCIES }).notNull().default("EUR"),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("pending"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    /** Mobile Money: the payer's number in E.164 and their operator (spec 14.2). */
    payerPhone: text("payer_phone"),
    operator: text("operator", { enum: OPERATORS }),
    /** When a pending payment ends (spec 14.3): the backend's `expires_at`, else 10 minutes for Mobile Money, 60 for a card page. */
    expiresAt: tstz("expires_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: tstz("completed_at"),
  },
  (t) => [
    index("payment_team_id_created_at_idx").on(t.teamId, t.createdAt.desc()),
    index("payment_pending_idx")
      .on(t.createdAt)
      .where(sql`status in ('pending', 'processing')`),
    check("payment_amount_check", sql`${t.amountMinor} >= 0`),
    oneOf("payment_currency_check", "currency", CURRENCIES),
    oneOf("payment_operator_check", "operator", OPERATORS, { nullable: true }),
    index("payment_open_deadline_idx")
      .on(t.expiresAt)
      .where(sql`status in ('pending', 'processing')`),
    oneOf("payment_method_check", "payment_method", PAYMENT_METHODS),
    oneOf("payment_status_check", "status", PAYMENT_STATUSES),
    oneOf("payment_provider_check", "provider", PAYMENT_PROVIDERS),
    oneOf("payment_purpose_check", "purpose", PAYMENT_PURPOSES),
    check("payment_completed_at_check", sql`(status = 'completed') = (completed_at is not null)`),
  ],
);

/** Every webhook delivery, keyed by the sender's event id; repeats bump `delivery_count`. */
export const webhookEvent = pgTable(
  "webhook_event",
  {
    id: text("id").notNull(),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    paymentId: text("payment_id").references(() => payment.id, { onDelete: "set null" }),
    deliveryCount: integer("delivery_count").notNull().default(1),
    receivedAt: stampedAt("received_at"),
    lastReceivedAt: stampedAt("last_received_at"),
    processedAt: tstz("processed_at"),
    outcome: text("outcome", { enum: WEBHOOK_OUTCOMES }),
    detail: text("detail"),
  },
  (t) => [
    primaryKey({ name: "webhook_event_pkey", columns: [t.provider, t.id] }),
    index("webhook_event_payment_id_idx").on(t.paymentId),
    oneOf("webhook_event_outcome_check", "outcome", WEBHOOK_OUTCOMES, { nullable: true }),
  ],
);

export const additionalResource = pgTable(
  "additional_resource",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
    resourceType: text("resource_type", { enum: ADDON_TYPES }).notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceMinor: integer("unit_price_minor").notNull(),
    currency: text("currency").notNull().default("EUR"),
    paymentId: text("payment_id").references((): AnyPgColumn => payment.id, { onDelete: "set null" }),
    status: text("status", { enum: ADDON_STATUSES }).notNull().default("pending"),
    expiresAt: tstz("expires_at"),
    /** Renews from the prepaid balance on its date (spec 15). */
    autoRenew: boolean("auto_renew").notNull().default(false),
    activatedAt: tstz("activated_at"),
    cancelledAt: tstz("cancelled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("additional_resource_team_status_idx").on(t.teamId, t.status),
    index("additional_resource_expiry_idx")
      .on(t.expiresAt)
      .where(sql`status = 'active'`),
    index("additional_resource_auto_renew_idx")
      .on(t.expiresAt)
      .where(sql`auto_renew and status in ('active', 'past_due')`),
    check("additional_resource_quantity_check", sql`${t.quantity} between 1 and 100`),
    check("additional_resource_price_check", sql`${t.unitPriceMinor} >= 0`),
    oneOf("additional_resource_type_check", "resource_type", ADDON_TYPES),
    oneOf("additional_resource_status_check", "status", ADDON_STATUSES),
    check("additional_resource_active_expiry_check", sql`status <> 'active' or expires_at is not null`),
  ],
);

/** The built-in sandbox payment backend's own store (spec 7.4); the app reads it only over HTTP. */
export const sandboxPayment = pgTable(
  "sandbox_payment",
  {
    id: text("id").primaryKey(),
    paymentId: text("payment_id").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    paymentMethod: text("payment_method").notNull(),
    description: text("description"),
    callbackUrl: text("callback_url").notNull(),
    returnUrl: text("return_url"),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("pending"),
    transactionId: text("transaction_id"),
    payerPhone: text("payer_phone"),
    operator: text("operator"),
    expiresAt: tstz("expires_at"),
    failureReason: text("failure_reason"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("sandbox_payment_amount_check", sql`${t.amountMinor} >= 0`)],
);

/**
 * A team's billing profile (spec 14.1): the currency every price, payment and document of the team
 * is in, its country, and the Mobile Money number and operator it paid with last. Existing teams
 * are EUR with no country; section 16 adds the legal details.
 */
export const billingProfile = pgTable(
  "billing_profile",
  {
    teamId: text("team_id")
      .primaryKey()
      .references(() => team.id, { onDelete: "cascade" }),
    currency: text("currency", { enum: CURRENCIES }).notNull().default("EUR"),
    country: text("country"),
    lastPayerPhone: text("last_payer_phone"),
    lastOperator: text("last_operator", { enum: OPERATORS }),
    /** The buyer on the team's receipts and statements (spec 16). */
    legalName: text("legal_name"),
    address: text("address"),
    /** VAT, NINEA, RCCM, NIU… as the team writes it. */
    taxId: text("tax_id"),
    /** Where documents are e-mailed; none: the owners and admins. */
    billingEmail: text("billing_email"),
    documentLanguage: text("document_language", { enum: DOCUMENT_LANGUAGES }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    oneOf("billing_profile_currency_check", "currency", CURRENCIES),
    check("billing_profile_country_check", sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
    oneOf("billing_profile_operator_check", "last_operator", OPERATORS, { nullable: true }),
    oneOf("billing_profile_document_language_check", "document_language", DOCUMENT_LANGUAGES, { nullable: true }),
  ],
);

/**
 * The prepaid balance's ledger (spec 15), append-only, in the team's currency: `amount_minor` is
 * signed (a purchase is negative), `balance_after_minor` is the balance once it is applied and
 * never below zero. `seq` numbers a team's entries 1, 2, 3…: the balance is the entry with the
 * highest, and two writers that did not wait for each other cannot both write the next one.
 * `period_end` is the end a renewal renewed from: one renewal per item and period, held by the database.
 */
export const balanceEntry = pgTable(
  "balance_entry",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: BALANCE_ENTRY_KINDS }).notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    balanceAfterMinor: integer("balance_after_minor").notNull(),
    paymentId: text("payment_id").references((): AnyPgColumn => payment.id, { onDelete: "set null" }),
    resourceId: text("resource_id").references((): AnyPgColumn => additionalResource.id, { onDelete: "set null" }),
    actorUserId: text("actor_user_id").references(() => user.id, { onDelete: "set null" }),
    note: text("note"),
    periodEnd: tstz("period_end"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("balance_entry_team_seq_key").on(t.teamId, t.seq),
    check("balance_entry_balance_after_check", sql`${t.balanceAfterMinor} >= 0`),
    check("balance_entry_amount_check", sql`${t.amountMinor} <> 0`),
    oneOf("balance_entry_kind_check", "kind", BALANCE_ENTRY_KINDS),
    oneOf("balance_entry_currency_check", "currency", CURRENCIES),
    uniqueIndex("balance_entry_one_renewal_per_period_idx")
      .on(t.teamId, t.kind, sql`coalesce(${t.resourceId}, '')`, t.periodEnd)
      .where(sql`period_end is not null`),
    uniqueIndex("balance_entry_one_per_payment_idx")
      .on(t.paymentId, t.kind)
      .where(sql`payment_id is not null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * The counters receipts are numbered from (spec 16): one row per series (`SL-2026`), its last
 * number. Taken with an upsert in the transaction that completes the payment, as its last
 * statement: a rollback gives the number back, so there is no gap (a sequence would leave one).
 */
export const documentCounter = pgTable(
  "document_counter",
  {
    series: text("series").primaryKey(),
    last: integer("last").notNull(),
  },
  (t) => [check("document_counter_last_check", sql`${t.last} >= 1`)],
);

/**
 * Receipts and monthly statements (spec 16). `content` is everything the document says, frozen at
 * issue (seller, buyer, lines, amounts, language); `pdf` its bytes, rendered once after the commit
 * and never again: a document reads the same after a restart and after any setting changes.
 */
export const document = pgTable(
  "document",
  {
    id: text("id").primaryKey(),
    teamId: ownedByTeam(),
    number: text("number").notNull().unique(),
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    /** A receipt's payment: one receipt per payment, whatever completes it how often. */
    paymentId: text("payment_id")
      .unique()
      .references((): AnyPgColumn => payment.id, { onDelete: "no action" }),
    /** A statement's month, `YYYY-MM`. */
    period: text("period"),
    issuedAt: tstz("issued_at").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency", { enum: CURRENCIES }).notNull(),
    language: text("language", { enum: DOCUMENT_LANGUAGES }).notNull(),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    pdf: bytea("pdf"),
    renderedAt: tstz("rendered_at"),
    emailedAt: tstz("emailed_at"),
  },
  (t) => [
    index("document_team_issued_idx").on(t.teamId, t.issuedAt.desc()),
    uniqueIndex("document_one_statement_per_month_idx")
      .on(t.teamId, t.period)
      .where(sql`kind = 'statement'`),
    index("document_unrendered_idx")
      .on(t.issuedAt)
      .where(sql`pdf is null`),
    oneOf("document_kind_check", "kind", DOCUMENT_KINDS),
    oneOf("document_currency_check", "currency", CURRENCIES),
    oneOf("document_language_check", "language", DOCUMENT_LANGUAGES),
    check("document_kind_fields_check", sql`(kind = 'receipt') = (payment_id is not null) and (kind = 'statement') = (period is not null)`),
  ],
);
