CREATE TABLE "sign_in_guard" (
	"email_key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"failures" integer NOT NULL,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_read" (
	"notification_id" text NOT NULL,
	"user_id" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_read_pkey" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "ingest_batch" ADD COLUMN "request_hash" text;--> statement-breakpoint
ALTER TABLE "notification_read" ADD CONSTRAINT "notification_read_notification_id_notification_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notification"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_read" ADD CONSTRAINT "notification_read_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_read_user_id_idx" ON "notification_read" USING btree ("user_id");--> statement-breakpoint
-- Read state moves to each reader (spec 13). What was read before stays read for the people who
-- could see it then: a team notice for the team's members, a personal one for its user.
INSERT INTO "notification_read" ("notification_id", "user_id", "read_at")
SELECT n."id", m."user_id", n."read_at"
FROM "notification" n JOIN "team_member" m ON m."team_id" = n."team_id"
WHERE n."read_at" IS NOT NULL AND (n."user_id" IS NULL OR n."user_id" = m."user_id")
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "notification" DROP COLUMN "read_at";