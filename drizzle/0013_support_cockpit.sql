CREATE TABLE "canned_reply" (
	"id" text PRIMARY KEY NOT NULL,
	"title_en" text NOT NULL,
	"title_fr" text NOT NULL,
	"body_en" text NOT NULL,
	"body_fr" text NOT NULL,
	"created_by" text,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "canned_reply_title_check" CHECK (char_length("canned_reply"."title_en") between 1 and 200 and char_length("canned_reply"."title_fr") between 1 and 200),
	CONSTRAINT "canned_reply_body_check" CHECK (char_length("canned_reply"."body_en") between 1 and 20000 and char_length("canned_reply"."body_fr") between 1 and 20000)
);
--> statement-breakpoint
CREATE TABLE "staff_action" (
	"id" text PRIMARY KEY NOT NULL,
	"actor_user_id" text,
	"team_id" text NOT NULL,
	"ticket_id" text,
	"action" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_action_action_check" CHECK (action in ('recheck_payment', 'extend_pro', 'lift_suspension', 'grant_credit'))
);
--> statement-breakpoint
ALTER TABLE "team" ADD COLUMN "suspension_grace_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD COLUMN "rating_score" smallint;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD COLUMN "rated_by" text;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD COLUMN "rating_token_hash" text;--> statement-breakpoint
ALTER TABLE "canned_reply" ADD CONSTRAINT "canned_reply_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "canned_reply" ADD CONSTRAINT "canned_reply_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_action" ADD CONSTRAINT "staff_action_actor_user_id_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_action" ADD CONSTRAINT "staff_action_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_action" ADD CONSTRAINT "staff_action_ticket_id_support_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."support_ticket"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_action_created_at_idx" ON "staff_action" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "staff_action_team_id_idx" ON "staff_action" USING btree ("team_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "staff_action_ticket_id_idx" ON "staff_action" USING btree ("ticket_id");--> statement-breakpoint
ALTER TABLE "support_ticket" ADD CONSTRAINT "support_ticket_rated_by_user_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_ticket_rated_at_idx" ON "support_ticket" USING btree ("rated_at") WHERE rated_at is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "support_ticket_rating_token_idx" ON "support_ticket" USING btree ("rating_token_hash") WHERE rating_token_hash is not null;--> statement-breakpoint
ALTER TABLE "support_ticket" ADD CONSTRAINT "support_ticket_language_check" CHECK (language in ('en', 'fr'));--> statement-breakpoint
ALTER TABLE "support_ticket" ADD CONSTRAINT "support_ticket_rating_check" CHECK (("support_ticket"."rating_score" is null) = ("support_ticket"."rated_at" is null) and ("support_ticket"."rating_score" is null or "support_ticket"."rating_score" between 1 and 5));--> statement-breakpoint
ALTER TABLE "support_ticket" ADD CONSTRAINT "support_ticket_rating_comment_check" CHECK ("support_ticket"."rating_comment" is null or char_length("support_ticket"."rating_comment") <= 2000);