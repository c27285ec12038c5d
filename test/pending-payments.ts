// Many teams on Free, each with one pending Pro payment, and the backend's signed deliveries that
// complete or fail them: the payment webhook's load (bench/webhook.ts), its statement count
// (bench/webhook-statements.ts) and the SIGKILL fault (e2e/system/faults.spec.ts). Kept light (the
// schema and ids only) so that a bench and a Playwright spec can import it.
import { sql } from "drizzle-orm";
import type { Webhook } from "standardwebhooks";
import { newId } from "../src/lib/ids";
import { rowsOf, type Db } from "../src/server/db/client";
import { payment, team, teamSubscription } from "../src/server/db/schema";

export interface TPendingTeam {
  id: string;
}

export interface TPaymentDelivery {
  /** The webhook-id. */
  id: string;
  body: string;
}

/**
 * `count` teams (slug `<prefix>-<i>`) on Free, each with a pending 3 EUR Pro payment by mobile money
 * whose external id is `ext_<team id>`, inserted 1,000 at a time.
 */
export async function insertPendingProPayments(db: Db, count: number, prefix: string): Promise<TPendingTeam[]> {
  const label = prefix.charAt(0).toUpperCase() + prefix.slice(1);
  const teams = Array.from({ length: count }, (_, i) => ({ id: newId("team"), slug: `${prefix}-${i}`, name: `${label} ${i}` }));
  for (let i = 0; i < teams.length; i += 1000) {
    const slice = teams.slice(i, i + 1000);
    await db.insert(team).values(slice);
    await db.insert(teamSubscription).values(slice.map((t) => ({ id: newId("sub"), teamId: t.id, planId: "free" as const })));
    await db.insert(payment).values(
      slice.map((t) => ({
        id: newId("pay"),
        teamId: t.id,
        externalPaymentId: `ext_${t.id}`,
        purpose: "plan_upgrade" as const,
        amountMinor: 300,
        paymentMethod: "mobile_money" as const,
      })),
    );
  }
  return teams;
}

/** The backend's payment.updated body for a team's pending payment. */
export function paymentUpdatedBody(t: TPendingTeam, status: "completed" | "failed"): string {
  return JSON.stringify({ type: "payment.updated", data: { external_payment_id: `ext_${t.id}`, status, amount: 3, currency: "EUR" } });
}

/** One delivery per team, each with a webhook-id of its own: every fifth fails, the others complete. */
export function paymentDeliveries(teams: TPendingTeam[]): TPaymentDelivery[] {
  return teams.map((t, i) => ({ id: `msg_${newId("evt")}`, body: paymentUpdatedBody(t, i % 5 === 0 ? "failed" : "completed") }));
}

/**
 * The Standard Webhooks headers of a delivery signed with `secret` now (the signature's timestamp is
 * transport, the machine's real time, as a backend sends it).
 */
export function paymentWebhookHeaders(wh: Webhook, d: TPaymentDelivery): Record<string, string> {
  const at = new Date();
  return {
    "content-type": "application/json",
    "webhook-id": d.id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": wh.sign(d.id, at, d.body),
  };
}

export interface TPaymentOutcomes {
  not_final: number;
  completed: number;
  failed: number;
  /** Completed payments whose Pro period does not end one period (30 days) after the completion. */
  extended_twice: number;
  /** Payments without exactly one notice. */
  notices_not_one: number;
  /** Teams whose plan does not match their payment (Pro for a completed one, else Free). */
  pro_mismatch: number;
}

/**
 * What a double application would leave behind: Pro extended by more than one period from the
 * completion, or a second notice; and every payment in one final state, every plan matching it.
 */
export async function paymentOutcomes(db: Db): Promise<TPaymentOutcomes> {
  const [check] = rowsOf<TPaymentOutcomes>(
    await db.execute(sql`
      select
        (select count(*)::int from payment where status not in ('completed', 'failed')) as not_final,
        (select count(*)::int from payment where status = 'completed') as completed,
        (select count(*)::int from payment where status = 'failed') as failed,
        (select count(*)::int from payment p join team_subscription s on s.team_id = p.team_id
           where p.status = 'completed' and abs(extract(epoch from (s.current_period_end - (p.completed_at + interval '30 days')))) > 1) as extended_twice,
        (select count(*)::int from payment p
           where (select count(*) from notification n where n.data->>'payment_id' = p.id) <> 1) as notices_not_one,
        (select count(*)::int from payment p join team_subscription s on s.team_id = p.team_id
           where (p.status = 'completed') <> (s.plan_id = 'pay_as_you_go')) as pro_mismatch`),
  );
  return check!;
}
