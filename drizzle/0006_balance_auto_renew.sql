CREATE TABLE "balance_entry" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"balance_after_minor" integer NOT NULL,
	"payment_id" text,
	"resource_id" text,
	"actor_user_id" text,
	"note" text,
	"period_end" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balance_entry_team_seq_key" UNIQUE("team_id","seq"),
	CONSTRAINT "balance_entry_balance_after_check" CHECK ("balance_entry"."balance_after_minor" >= 0),
	CONSTRAINT "balance_entry_amount_check" CHECK ("balance_entry"."amount_minor" <> 0),
	CONSTRAINT "balance_entry_kind_check" CHECK (kind in ('top_up', 'renewal', 'addon', 'addon_renewal', 'credit', 'refund')),
	CONSTRAINT "balance_entry_currency_check" CHECK (currency in ('EUR', 'XOF', 'XAF'))
);
--> statement-breakpoint
ALTER TABLE "additional_resource" DROP CONSTRAINT "additional_resource_status_check";--> statement-breakpoint
ALTER TABLE "payment" DROP CONSTRAINT "payment_method_check";--> statement-breakpoint
ALTER TABLE "payment" DROP CONSTRAINT "payment_provider_check";--> statement-breakpoint
ALTER TABLE "payment" DROP CONSTRAINT "payment_purpose_check";--> statement-breakpoint
ALTER TABLE "notification" DROP CONSTRAINT "notification_kind_check";--> statement-breakpoint
ALTER TABLE "additional_resource" ADD COLUMN "auto_renew" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "team_subscription" ADD COLUMN "auto_renew" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "balance_entry" ADD CONSTRAINT "balance_entry_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_entry" ADD CONSTRAINT "balance_entry_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_entry" ADD CONSTRAINT "balance_entry_resource_id_additional_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."additional_resource"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_entry" ADD CONSTRAINT "balance_entry_actor_user_id_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "balance_entry_one_renewal_per_period_idx" ON "balance_entry" USING btree ("team_id","kind",coalesce("resource_id", ''),"period_end") WHERE period_end is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "balance_entry_one_per_payment_idx" ON "balance_entry" USING btree ("payment_id","kind") WHERE payment_id is not null;--> statement-breakpoint
CREATE INDEX "additional_resource_auto_renew_idx" ON "additional_resource" USING btree ("expires_at") WHERE auto_renew and status in ('active', 'past_due');--> statement-breakpoint
CREATE INDEX "team_subscription_auto_renew_idx" ON "team_subscription" USING btree ("current_period_end") WHERE auto_renew;--> statement-breakpoint
ALTER TABLE "additional_resource" ADD CONSTRAINT "additional_resource_status_check" CHECK (status in ('pending', 'active', 'past_due', 'expired', 'cancelled'));--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_method_check" CHECK (payment_method in ('mobile_money', 'credit_card', 'balance'));--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_provider_check" CHECK (provider in ('payment_backend', 'stripe', 'balance'));--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_purpose_check" CHECK (purpose in ('plan_upgrade', 'addon_purchase', 'addon_renewal', 'top_up'));--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_kind_check" CHECK (kind in ('usage.warning', 'usage.critical', 'usage.exceeded', 'payment.completed', 'payment.failed', 'payment.pending', 'payment.late_completion', 'addon.expiring', 'addon.expired', 'plan.expiring', 'plan.expired', 'plan.card_billing_duplicate', 'plan.card_billing_stopped', 'project.inactive', 'project.inactive_warning', 'balance.low', 'subscription.renewed', 'subscription.lapsed'));