import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/server/db/client";
import type { WEBHOOK_OUTCOMES, webhookEvent } from "@/server/db/schema";
import { clock } from "@/lib/clock";

type TProvider = (typeof webhookEvent.$inferSelect)["provider"];
/** What a handled event ends as: the schema's outcomes (one list), but for `duplicate` (a repeat is not handled) and `error`. */
export type TWebhookOutcome = Exclude<(typeof WEBHOOK_OUTCOMES)[number], "duplicate" | "error">;
/** Records what became of the event being handled (see `finishWebhookEvent`). */
export type TFinish = (outcome: TWebhookOutcome, detail: string | null, paymentId?: string) => Promise<void>;

/**
 * Records one delivery in `webhook_event` inside the caller's transaction. Answers true for the
 * first delivery of an event id; a later copy only counts itself (delivery_count) and answers
 * false, so the caller changes nothing. Concurrent copies wait on the first one's row.
 */
export async function recordWebhookDelivery(
  tx: Db,
  event: { provider: TProvider; id: string; type: string; payload: unknown },
  now = clock.now(),
): Promise<boolean> {
  const at = now.toISOString();
  const [row] = rowsOf<{ inserted: boolean }>(
    await tx.execute(sql`
      insert into webhook_event (id, provider, type, payload, received_at, last_received_at)
      values (${event.id}, ${event.provider}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${at}::timestamptz, ${at}::timestamptz)
      on conflict (provider, id) do update
        set delivery_count = webhook_event.delivery_count + 1, last_received_at = ${at}::timestamptz
      returning (xmax = 0) as inserted`),
  );
  return row!.inserted;
}

/** What became of a recorded event: its outcome, a readable detail and the payment it touched. */
export async function finishWebhookEvent(
  tx: Db,
  event: { provider: TProvider; id: string },
  result: { outcome: TWebhookOutcome; detail: string | null; paymentId?: string | null },
) {
  await tx.execute(finishWebhookEventSql(event, result));
}

/** `finishWebhookEvent`'s statement, to run on its own or folded into another (a data-modifying CTE). */
export function finishWebhookEventSql(
  event: { provider: TProvider; id: string },
  result: { outcome: TWebhookOutcome; detail: string | null; paymentId?: string | null },
  now = clock.now(),
): SQL {
  return sql`update webhook_event set outcome = ${result.outcome}, detail = ${result.detail}, processed_at = ${now.toISOString()}::timestamptz,
                    payment_id = ${result.paymentId ?? null}
             where provider = ${event.provider} and id = ${event.id}`;
}
