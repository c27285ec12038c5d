CREATE TABLE "job_lock" (
	"job" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"acquired_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_run" DROP CONSTRAINT "job_run_outcome_check";--> statement-breakpoint
ALTER TABLE "job_run" ADD CONSTRAINT "job_run_outcome_check" CHECK (outcome in ('running', 'success', 'failure', 'skipped'));