CREATE TABLE "live_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text,
	"audience" text NOT NULL,
	"user_id" text,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_event_audience_check" CHECK (audience in ('team', 'staff', 'user')),
	CONSTRAINT "live_event_type_check" CHECK (type in ('payment.updated', 'plan.changed', 'notification.created', 'ticket.message', 'ticket.status', 'usage.level'))
);
--> statement-breakpoint
CREATE INDEX "live_event_created_at_idx" ON "live_event" USING btree ("created_at");--> statement-breakpoint
-- Live updates (spec 20), raised by the tables themselves: every path that changes a payment, a
-- plan, a ticket or writes a notice (the payment state machine, renewals, the jobs, the staff
-- actions, the ticket services, a statement folded into a CTE) raises its event in its own
-- transaction, with no call site to forget. The notify carries only the id; listeners read the row.
CREATE FUNCTION servelink_live_event(p_team_id text, p_audience text, p_user_id text, p_type text, p_data jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  new_id bigint;
BEGIN
  INSERT INTO live_event (team_id, audience, user_id, type, data) VALUES (p_team_id, p_audience, p_user_id, p_type, p_data) RETURNING id INTO new_id;
  PERFORM pg_notify('servelink_events', new_id::text);
END $$;
--> statement-breakpoint
CREATE FUNCTION servelink_live_payment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM servelink_live_event(NEW.team_id, 'team', NULL, 'payment.updated',
      jsonb_build_object('id', NEW.id, 'status', NEW.status, 'purpose', NEW.purpose, 'reason', NEW.metadata->>'failure_reason'));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER payment_live_event AFTER INSERT OR UPDATE OF status ON payment FOR EACH ROW EXECUTE FUNCTION servelink_live_payment();
--> statement-breakpoint
CREATE FUNCTION servelink_live_plan() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.status IS DISTINCT FROM OLD.status OR NEW.current_period_end IS DISTINCT FROM OLD.current_period_end THEN
    PERFORM servelink_live_event(NEW.team_id, 'team', NULL, 'plan.changed',
      jsonb_build_object('plan_id', NEW.plan_id, 'status', NEW.status, 'current_period_end', NEW.current_period_end));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER team_subscription_live_event AFTER UPDATE ON team_subscription FOR EACH ROW EXECUTE FUNCTION servelink_live_plan();
--> statement-breakpoint
CREATE FUNCTION servelink_live_notification() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM servelink_live_event(NEW.team_id, CASE WHEN NEW.user_id IS NULL THEN 'team' ELSE 'user' END, NEW.user_id, 'notification.created',
    jsonb_build_object('id', NEW.id, 'kind', NEW.kind));
  IF NEW.kind IN ('usage.warning', 'usage.critical', 'usage.exceeded') THEN
    PERFORM servelink_live_event(NEW.team_id, 'team', NULL, 'usage.level',
      jsonb_build_object('metric', NEW.metric, 'level', substr(NEW.kind, 7), 'threshold', NEW.threshold, 'period', NEW.period));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER notification_live_event AFTER INSERT ON notification FOR EACH ROW EXECUTE FUNCTION servelink_live_notification();
--> statement-breakpoint
CREATE FUNCTION servelink_live_ticket_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- An internal note reaches staff streams only.
  PERFORM servelink_live_event((SELECT t.team_id FROM support_ticket t WHERE t.id = NEW.ticket_id), CASE WHEN NEW.is_internal THEN 'staff' ELSE 'team' END, NULL,
    'ticket.message', jsonb_build_object('ticket_id', NEW.ticket_id, 'message_id', NEW.id, 'author_type', NEW.author_type, 'internal', NEW.is_internal));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER support_message_live_event AFTER INSERT ON support_message FOR EACH ROW EXECUTE FUNCTION servelink_live_ticket_message();
--> statement-breakpoint
CREATE FUNCTION servelink_live_ticket_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM servelink_live_event(NEW.team_id, 'team', NULL, 'ticket.status',
      jsonb_build_object('ticket_id', NEW.id, 'status', NEW.status, 'previous_status', CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.status END));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER support_ticket_live_event AFTER INSERT OR UPDATE OF status ON support_ticket FOR EACH ROW EXECUTE FUNCTION servelink_live_ticket_status();
