-- Spec 14.1: money columns hold the currency's minor unit (cents for EUR, francs for XOF and XAF). Hand-written renames: the data is kept.
ALTER TABLE "subscription_plan" RENAME COLUMN "price_cents" TO "price_minor";--> statement-breakpoint
ALTER TABLE "payment" RENAME COLUMN "amount_cents" TO "amount_minor";--> statement-breakpoint
ALTER TABLE "additional_resource" RENAME COLUMN "unit_price_cents" TO "unit_price_minor";--> statement-breakpoint
ALTER TABLE "sandbox_payment" RENAME COLUMN "amount_cents" TO "amount_minor";--> statement-breakpoint
CREATE TABLE "billing_profile" (
	"team_id" text PRIMARY KEY NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"country" text,
	"last_payer_phone" text,
	"last_operator" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_profile_currency_check" CHECK (currency in ('EUR', 'XOF', 'XAF')),
	CONSTRAINT "billing_profile_country_check" CHECK ("billing_profile"."country" is null or "billing_profile"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "billing_profile_operator_check" CHECK (last_operator is null or last_operator in ('orange_money', 'mtn_momo', 'moov_money', 'wave', 'free_money', 'airtel_money'))
);
--> statement-breakpoint
ALTER TABLE "payment" DROP CONSTRAINT "payment_currency_check";--> statement-breakpoint
ALTER TABLE "webhook_event" DROP CONSTRAINT "webhook_event_outcome_check";--> statement-breakpoint
ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check";--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "payment" ADD COLUMN "payer_phone" text;--> statement-breakpoint
ALTER TABLE "payment" ADD COLUMN "operator" text;--> statement-breakpoint
ALTER TABLE "payment" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_payment" ADD COLUMN "payer_phone" text;--> statement-breakpoint
ALTER TABLE "sandbox_payment" ADD COLUMN "operator" text;--> statement-breakpoint
ALTER TABLE "sandbox_payment" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sandbox_payment" ADD COLUMN "failure_reason" text;--> statement-breakpoint
ALTER TABLE "billing_profile" ADD CONSTRAINT "billing_profile_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_open_deadline_idx" ON "payment" USING btree ("expires_at") WHERE status in ('pending', 'processing');--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_locale_check" CHECK (locale is null or locale in ('en', 'fr'));--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_operator_check" CHECK (operator is null or operator in ('orange_money', 'mtn_momo', 'moov_money', 'wave', 'free_money', 'airtel_money'));--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_currency_check" CHECK (currency in ('EUR', 'XOF', 'XAF'));--> statement-breakpoint
ALTER TABLE "webhook_event" ADD CONSTRAINT "webhook_event_outcome_check" CHECK (outcome is null or outcome in ('processed', 'duplicate', 'rejected', 'unknown_payment', 'ignored', 'invalid', 'error', 'late_completion'));--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind in ('usage.warning', 'usage.critical', 'usage.exceeded', 'payment.completed', 'payment.failed', 'payment.pending', 'payment.late_completion', 'addon.expiring', 'addon.expired', 'plan.expiring', 'plan.expired', 'plan.card_billing_duplicate', 'plan.card_billing_stopped', 'project.inactive', 'project.inactive_warning'));--> statement-breakpoint
-- Existing teams stay EUR with no country.
INSERT INTO "billing_profile" ("team_id") SELECT "id" FROM "team" ON CONFLICT DO NOTHING;
