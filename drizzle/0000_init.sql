CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_token" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_token_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_token_name_check" CHECK (char_length("api_token"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"role" text DEFAULT 'user' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_email_unique" UNIQUE("email"),
	CONSTRAINT "user_role_check" CHECK (role in ('user', 'support', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_traffic_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_team_id_slug_key" UNIQUE("team_id","slug"),
	CONSTRAINT "project_status_check" CHECK (status in ('active', 'suspended', 'inactive')),
	CONSTRAINT "project_name_check" CHECK (char_length("project"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "team" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_slug_unique" UNIQUE("slug"),
	CONSTRAINT "team_slug_check" CHECK ("team"."slug" ~ '^[a-z0-9-]{3,40}$'),
	CONSTRAINT "team_name_check" CHECK (char_length("team"."name") between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "team_member" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_member_pkey" PRIMARY KEY("team_id","user_id"),
	CONSTRAINT "team_member_role_check" CHECK (role in ('owner', 'admin', 'member'))
);
--> statement-breakpoint
CREATE TABLE "additional_resource" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"resource_type" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"payment_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "additional_resource_quantity_check" CHECK ("additional_resource"."quantity" between 1 and 100),
	CONSTRAINT "additional_resource_price_check" CHECK ("additional_resource"."unit_price_cents" >= 0),
	CONSTRAINT "additional_resource_type_check" CHECK (resource_type in ('ram', 'cpu', 'traffic', 'storage')),
	CONSTRAINT "additional_resource_status_check" CHECK (status in ('pending', 'active', 'expired', 'cancelled')),
	CONSTRAINT "additional_resource_active_expiry_check" CHECK (status <> 'active' or expires_at is not null)
);
--> statement-breakpoint
CREATE TABLE "payment" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"created_by" text,
	"external_payment_id" text,
	"provider" text DEFAULT 'payment_backend' NOT NULL,
	"purpose" text NOT NULL,
	"resource_id" text,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"payment_method" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "payment_external_payment_id_unique" UNIQUE("external_payment_id"),
	CONSTRAINT "payment_amount_check" CHECK ("payment"."amount_cents" >= 0),
	CONSTRAINT "payment_currency_check" CHECK ("payment"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "payment_method_check" CHECK (payment_method in ('mobile_money', 'credit_card')),
	CONSTRAINT "payment_status_check" CHECK (status in ('pending', 'processing', 'completed', 'failed', 'cancelled')),
	CONSTRAINT "payment_provider_check" CHECK (provider in ('payment_backend', 'stripe')),
	CONSTRAINT "payment_purpose_check" CHECK (purpose in ('plan_upgrade', 'addon_purchase', 'addon_renewal')),
	CONSTRAINT "payment_completed_at_check" CHECK ((status = 'completed') = (completed_at is not null))
);
--> statement-breakpoint
CREATE TABLE "sandbox_payment" (
	"id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"payment_method" text NOT NULL,
	"description" text,
	"callback_url" text NOT NULL,
	"return_url" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"transaction_id" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_payment_amount_check" CHECK ("sandbox_payment"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subscription_plan" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"max_teams" integer NOT NULL,
	"max_members" integer NOT NULL,
	"max_projects" integer NOT NULL,
	"max_cpu" numeric(8, 2) NOT NULL,
	"max_memory_mb" integer NOT NULL,
	"max_traffic_gb_per_month" integer NOT NULL,
	"max_storage_mb" integer NOT NULL,
	"custom_domains" boolean NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	CONSTRAINT "subscription_plan_price_check" CHECK ("subscription_plan"."price_cents" >= 0),
	CONSTRAINT "subscription_plan_currency_check" CHECK ("subscription_plan"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "team_subscription" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"current_period_end" timestamp with time zone,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_subscription_team_id_unique" UNIQUE("team_id"),
	CONSTRAINT "team_subscription_stripe_subscription_id_unique" UNIQUE("stripe_subscription_id"),
	CONSTRAINT "team_subscription_status_check" CHECK (status in ('active', 'past_due', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "webhook_event" (
	"id" text NOT NULL,
	"provider" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"payment_id" text,
	"delivery_count" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text,
	"detail" text,
	CONSTRAINT "webhook_event_pkey" PRIMARY KEY("provider","id"),
	CONSTRAINT "webhook_event_outcome_check" CHECK (outcome is null or outcome in ('processed', 'duplicate', 'rejected', 'unknown_payment', 'ignored', 'invalid', 'error'))
);
--> statement-breakpoint
CREATE TABLE "ingest_batch" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_usage" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"traffic_bytes" bigint DEFAULT 0 NOT NULL,
	"storage_bytes" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_usage_project_id_year_month_key" UNIQUE("project_id","year","month"),
	CONSTRAINT "project_usage_month_check" CHECK ("project_usage"."month" between 1 and 12),
	CONSTRAINT "project_usage_year_check" CHECK ("project_usage"."year" between 2000 and 9999),
	CONSTRAINT "project_usage_bytes_check" CHECK ("project_usage"."traffic_bytes" >= 0 and "project_usage"."storage_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_usage_daily" (
	"project_id" text NOT NULL,
	"day" date NOT NULL,
	"traffic_bytes" bigint DEFAULT 0 NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"storage_bytes" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "project_usage_daily_pkey" PRIMARY KEY("project_id","day"),
	CONSTRAINT "project_usage_daily_bytes_check" CHECK ("project_usage_daily"."traffic_bytes" >= 0 and "project_usage_daily"."storage_bytes" >= 0 and "project_usage_daily"."requests" >= 0)
);
--> statement-breakpoint
CREATE TABLE "support_message" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"user_id" text,
	"author_type" text NOT NULL,
	"message" text NOT NULL,
	"is_internal" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_message_author_type_check" CHECK (author_type in ('user', 'support', 'system')),
	CONSTRAINT "support_message_message_check" CHECK (char_length("support_message"."message") between 1 and 20000),
	CONSTRAINT "support_message_internal_check" CHECK (not "support_message"."is_internal" or "support_message"."author_type" = 'support')
);
--> statement-breakpoint
CREATE TABLE "support_ticket" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"category" text DEFAULT 'other' NOT NULL,
	"assigned_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "support_ticket_subject_check" CHECK (char_length("support_ticket"."subject") between 3 and 200),
	CONSTRAINT "support_ticket_priority_check" CHECK (priority in ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "support_ticket_status_check" CHECK (status in ('open', 'in_progress', 'waiting', 'resolved', 'closed')),
	CONSTRAINT "support_ticket_category_check" CHECK (category in ('technical', 'billing', 'feature_request', 'bug_report', 'other'))
);
--> statement-breakpoint
CREATE TABLE "job_run" (
	"id" text PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text DEFAULT 'running' NOT NULL,
	"detail" jsonb,
	CONSTRAINT "job_run_outcome_check" CHECK (outcome in ('running', 'success', 'failure'))
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"user_id" text,
	"kind" text NOT NULL,
	"metric" text,
	"threshold" integer,
	"period" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb,
	"read_at" timestamp with time zone,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_period_check" CHECK ("notification"."period" is null or "notification"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "additional_resource" ADD CONSTRAINT "additional_resource_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "additional_resource" ADD CONSTRAINT "additional_resource_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_resource_id_additional_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."additional_resource"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_subscription" ADD CONSTRAINT "team_subscription_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_subscription" ADD CONSTRAINT "team_subscription_plan_id_subscription_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."subscription_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_event" ADD CONSTRAINT "webhook_event_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_usage" ADD CONSTRAINT "project_usage_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_usage_daily" ADD CONSTRAINT "project_usage_daily_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_message" ADD CONSTRAINT "support_message_ticket_id_support_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."support_ticket"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_message" ADD CONSTRAINT "support_message_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD CONSTRAINT "support_ticket_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD CONSTRAINT "support_ticket_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD CONSTRAINT "support_ticket_assigned_to_user_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_user_id_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "api_token_user_id_idx" ON "api_token" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_id_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verification_identifier_idx" ON "verification" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "project_status_idx" ON "project" USING btree ("status");--> statement-breakpoint
CREATE INDEX "team_member_user_id_idx" ON "team_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "additional_resource_team_status_idx" ON "additional_resource" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "additional_resource_expiry_idx" ON "additional_resource" USING btree ("expires_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "payment_team_id_created_at_idx" ON "payment" USING btree ("team_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "payment_pending_idx" ON "payment" USING btree ("created_at") WHERE status in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "team_subscription_period_end_idx" ON "team_subscription" USING btree ("plan_id","current_period_end");--> statement-breakpoint
CREATE INDEX "webhook_event_payment_id_idx" ON "webhook_event" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "project_usage_period_idx" ON "project_usage" USING btree ("year","month");--> statement-breakpoint
CREATE INDEX "project_usage_daily_day_idx" ON "project_usage_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "support_message_ticket_id_created_at_idx" ON "support_message" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "support_ticket_team_id_created_at_idx" ON "support_ticket" USING btree ("team_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "support_ticket_queue_idx" ON "support_ticket" USING btree ("status","priority","created_at");--> statement-breakpoint
CREATE INDEX "support_ticket_assigned_to_idx" ON "support_ticket" USING btree ("assigned_to");--> statement-breakpoint
CREATE INDEX "job_run_job_started_at_idx" ON "job_run" USING btree ("job","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_team_id_created_at_idx" ON "notification" USING btree ("team_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "notification_usage_alert_key" ON "notification" USING btree ("team_id","kind","metric","period") WHERE kind like 'usage.%';