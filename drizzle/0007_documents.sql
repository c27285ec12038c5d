CREATE TABLE "document" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"payment_id" text,
	"period" text,
	"issued_at" timestamp with time zone NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"language" text NOT NULL,
	"content" jsonb NOT NULL,
	"pdf" "bytea",
	"rendered_at" timestamp with time zone,
	"emailed_at" timestamp with time zone,
	CONSTRAINT "document_number_unique" UNIQUE("number"),
	CONSTRAINT "document_payment_id_unique" UNIQUE("payment_id"),
	CONSTRAINT "document_kind_check" CHECK (kind in ('receipt', 'statement')),
	CONSTRAINT "document_currency_check" CHECK (currency in ('EUR', 'XOF', 'XAF')),
	CONSTRAINT "document_language_check" CHECK (language in ('fr', 'en')),
	CONSTRAINT "document_kind_fields_check" CHECK ((kind = 'receipt') = (payment_id is not null) and (kind = 'statement') = (period is not null))
);
--> statement-breakpoint
CREATE TABLE "document_counter" (
	"series" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counter_last_check" CHECK ("document_counter"."last" >= 1)
);
--> statement-breakpoint
ALTER TABLE "billing_profile" ADD COLUMN "legal_name" text;--> statement-breakpoint
ALTER TABLE "billing_profile" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "billing_profile" ADD COLUMN "tax_id" text;--> statement-breakpoint
ALTER TABLE "billing_profile" ADD COLUMN "billing_email" text;--> statement-breakpoint
ALTER TABLE "billing_profile" ADD COLUMN "document_language" text;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_team_issued_idx" ON "document" USING btree ("team_id","issued_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "document_one_statement_per_month_idx" ON "document" USING btree ("team_id","period") WHERE kind = 'statement';--> statement-breakpoint
CREATE INDEX "document_unrendered_idx" ON "document" USING btree ("issued_at") WHERE pdf is null;--> statement-breakpoint
ALTER TABLE "billing_profile" ADD CONSTRAINT "billing_profile_document_language_check" CHECK (document_language is null or document_language in ('fr', 'en'));