import { and, asc, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { newId } from "@/lib/ids";
import { clock } from "@/lib/clock";
import { notificationOf } from "@/lib/notification-text";
import {
  nextAttemptAt,
  WEBHOOK_DISABLE_AFTER_MS,
  WEBHOOK_RETRY_DELAYS_MS,
  WEBHOOK_TEST_EVENT,
  type TWebhookDeliveryStatus,
  type TWebhookEventType,
} from "@/lib/webhooks";
import { rowsOf, type Db } from "@/server/db/client";
import { webhookAttempt, webhookDelivery, webhookEndpoint } from "@/server/db/schema";
import { DomainError, notFound } from "@/server/errors";
import type { TMailer } from "@/server/integrations/mailer";
import { logError, logger } from "@/server/log";
import { emailNotifications } from "@/server/services/notifications/notifications";
import { writeNotifications } from "@/server/services/notifications/write-notifications";
import { assertTeamRole, type TTeamAccess } from "@/server/services/teams/teams";
import { decryptSecret } from "./secrets";
import { sendWebhook, type TSendResult } from "./send";
import { checkWebhookUrl, type TLookupAll } from "./url-guard";

/*
 * The outbox of outbound webhooks (spec 18.1). `enqueueEvent` writes one `webhook_delivery` per
 * enabled endpoint of the team subscribed to the type, in the caller's transaction: the event
 * commits with the change it announces, or neither does. `attemptDelivery` makes one signed POST;
 * right after the answer the request's process makes the first attempt and the 5-second retry
 * (`deliverRightAway`), and `deliver-webhooks` (every minute) the later ones (`deliverDue`).
 */

/** How long an attempt holds its delivery (longer than its 15 s timeout): a process that dies mid-attempt leaves it due again after this. */
const CLAIM_MS = 2 * 60_000;

/** The body of every delivery: `{ type, timestamp, data }`. */
export function eventPayload(type: string, data: unknown, now: Date) {
  return { type, timestamp: now.toISOString(), data };
}

/**
 * `enqueueEvent`'s one statement, to fold into the caller's (a data-modifying CTE, as the payment
 * state machine writes its notices): one pending delivery per enabled endpoint of the team that
 * subscribed to `type`, due now. Its `id` is the `webhook-id`.
 */
export function enqueueEventSql(teamId: string, type: TWebhookEventType, data: unknown, now: Date): SQL {
  const payload = JSON.stringify(eventPayload(type, data, now));
  const at = now.toISOString();
  return sql`insert into webhook_delivery (id, endpoint_id, team_id, event_type, payload, status, attempts, next_attempt_at, created_at)
    select 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.team_id, ${type}, ${payload}::jsonb, 'pending', 0, ${at}::timestamptz, ${at}::timestamptz
    from webhook_endpoint e
    where e.team_id = ${teamId} and e.enabled and ${type} = any(e.event_types)`;
}

/**
 * `enqueueEventSql` for many events of one type in one statement (a data-modifying CTE of the
 * caller's): `events` is a select of `team_id` and `data` (jsonb), one event per row; each gets one
 * pending delivery per enabled endpoint of its team subscribed to `type`, its body as
 * `eventPayload`'s.
 */
export function enqueueEventsSql(type: TWebhookEventType, events: SQL, now: Date): SQL {
  const at = now.toISOString();
  return sql`insert into webhook_delivery (id, endpoint_id, team_id, event_type, payload, status, attempts, next_attempt_at, created_at)
    select 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.team_id, ${type},
           jsonb_build_object('type', ${type}::text, 'timestamp', ${at}::text, 'data', ev.data), 'pending', 0, ${at}::timestamptz, ${at}::timestamptz
    from (${events}) ev join webhook_endpoint e on e.team_id = ev.team_id
    where e.enabled and ${type} = any(e.event_types)`;
}

/** Writes the event's deliveries in `tx`, the transaction of the change it announces. Answers how many endpoints will get it. */
export async function enqueueEvent(tx: Db, teamId: string, type: TWebhookEventType, data: unknown, now = clock.now()): Promise<number> {
  const result = await tx.execute(sql`with written as (${enqueueEventSql(teamId, type, data, now)} returning 1) select count(*)::int as n from written`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

export type TAttemptOutcome =
  | { outcome: "delivered"; statusCode: number; attempts: number }
  | { outcome: "retry"; statusCode: number | null; error: string | null; attempts: number; nextAttemptAt: Date }
  | { outcome: "abandoned" | "failed_again"; statusCode: number | null; error: string | null; attempts: number }
  /** Not sent: its endpoint is disabled (the delivery is then `failed`). */
  | { outcome: "endpoint_disabled" }
  /** Not sent: not pending, not due yet, or being sent by another process. */
  | { outcome: "not_due" }
  | { outcome: "not_found" };

export interface TAttemptOptions {
  now?: Date;
  /** Replay and test: sent whatever the delivery's status and schedule, and to a disabled endpoint too. */
  force?: boolean;
  mailer?: TMailer | null;
  lookup?: TLookupAll;
  timeoutMs?: number;
}

/** The `webhook-signature` header: the current secret's `v1,…`, and during a rotation's overlap the previous one's too, space-separated. */
export function signatureHeader(
  endpoint: { secretCiphertext: string; previousSecretCiphertext: string | null; previousSecretExpiresAt: Date | null },
  msgId: string,
  at: Date,
  body: string,
): string {
  const secrets = [endpoint.secretCiphertext];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > at)
    secrets.push(endpoint.previousSecretCiphertext);
  return secrets.map((s) => new Webhook(decryptSecret(s)).sign(msgId, at, body)).join(" ");
}

/**
 * One attempt of a delivery: claimed (so two processes never send it at once), signed, POSTed to
 * the address the guard checked, logged. A 2xx delivers it; otherwise the next attempt is set on
 * Svix's schedule, or the delivery is abandoned after the last. An endpoint whose attempts have all
 * failed for 5 days is disabled, its pending deliveries failed, and the team told.
 */
export async function attemptDelivery(db: Db, deliveryId: string, opts: TAttemptOptions = {}): Promise<TAttemptOutcome> {
  const now = opts.now ?? clock.now();
  const leaseUntil = new Date(now.getTime() + CLAIM_MS).toISOString();
  const claimed = await db
    .update(webhookDelivery)
    .set({ nextAttemptAt: sql`${leaseUntil}::timestamptz` })
    .where(
      opts.force
        ? eq(webhookDelivery.id, deliveryId)
        : and(eq(webhookDelivery.id, deliveryId), eq(webhookDelivery.status, "pending"), lte(webhookDelivery.nextAttemptAt, now)),
    )
    .returning();
  const d = claimed[0];
  if (!d) {
    const [exists] = await db.select({ id: webhookDelivery.id }).from(webhookDelivery).where(eq(webhookDelivery.id, deliveryId));
    return exists ? { outcome: "not_due" } : { outcome: "not_found" };
  }
  const [ep] = await db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, d.endpointId));
  if (!ep) return { outcome: "not_found" };
  if (!ep.enabled && !opts.force) {
    await db.update(webhookDelivery).set({ status: "failed", nextAttemptAt: null }).where(eq(webhookDelivery.id, d.id));
    return { outcome: "endpoint_disabled" };
  }

  const body = JSON.stringify(d.payload);
  let result: TSendResult;
  try {
    const target = await checkWebhookUrl(ep.url, { lookup: opts.lookup });
    const headers = {
      "webhook-id": d.id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signatureHeader(ep, d.id, now, body),
    };
    result = await sendWebhook(target, headers, body, opts.timeoutMs);
  } catch (err) {
    result = {
      statusCode: null,
      body: null,
      error: err instanceof DomainError ? err.message : `could not send: ${err instanceof Error ? err.message : String(err)}`,
      durationMs: 0,
    };
  }
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  const attempts = d.attempts + 1;
  const wasPending = d.status === "pending";
  const next = ok ? null : wasPending ? nextAttemptAt(attempts, now) : null;

  const { disabledNotice, status } = await db.transaction(async (tx) => {
    await tx.insert(webhookAttempt).values({
      id: newId("wha"),
      deliveryId: d.id,
      at: now,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      responseBody: result.body,
      error: result.error,
    });
    // The endpoint's row first: it serialises this with an attempt that is disabling the endpoint.
    const [marked] = await tx
      .update(webhookEndpoint)
      .set({ failingSince: ok ? null : sql`coalesce(${webhookEndpoint.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(webhookEndpoint.id, ep.id))
      .returning({ failingSince: webhookEndpoint.failingSince, enabled: webhookEndpoint.enabled });
    // A retry for an endpoint disabled meanwhile will not be sent: failed.
    const status: TWebhookDeliveryStatus = ok
      ? "delivered"
      : wasPending
        ? !marked?.enabled && !opts.force
          ? "failed"
          : next
            ? "pending"
            : "abandoned"
        : d.status;
    await tx
      .update(webhookDelivery)
      .set({ status, attempts, nextAttemptAt: status === "pending" ? next : null, lastAttemptAt: now })
      .where(eq(webhookDelivery.id, d.id));
    if (ok || !marked?.enabled || !marked.failingSince || now.getTime() - marked.failingSince.getTime() < WEBHOOK_DISABLE_AFTER_MS) {
      return { disabledNotice: null, status };
    }
    return {
      disabledNotice: await disableFailingEndpoint(tx, { id: ep.id, teamId: ep.teamId, url: ep.url }, marked.failingSince, now),
      status: "failed" as const,
    };
  });
  if (disabledNotice && opts.mailer) {
    await emailNotifications(db, opts.mailer, [disabledNotice]).catch((err: unknown) => logError("e-mailing a webhook endpoint's disabling failed", err));
  }
  if (ok) return { outcome: "delivered", statusCode: result.statusCode!, attempts };
  if (!wasPending) return { outcome: "failed_again", statusCode: result.statusCode, error: result.error, attempts };
  if (status === "failed") return { outcome: "endpoint_disabled" };
  if (next) return { outcome: "retry", statusCode: result.statusCode, error: result.error, attempts, nextAttemptAt: next };
  return { outcome: "abandoned", statusCode: result.statusCode, error: result.error, attempts };
}

/** Disables an endpoint failing since `failingSince` (5 days or more), fails its pending deliveries and writes the team's notice; answers the notice's id. */
async function disableFailingEndpoint(tx: Db, ep: { id: string; teamId: string; url: string }, failingSince: Date, now: Date): Promise<string | null> {
  const days = Math.floor((now.getTime() - failingSince.getTime()) / 86_400_000);
  await tx
    .update(webhookEndpoint)
    .set({ enabled: false, disabledAt: now, disabledReason: `every delivery failed for ${days} days straight` })
    .where(eq(webhookEndpoint.id, ep.id));
  await tx
    .update(webhookDelivery)
    .set({ status: "failed", nextAttemptAt: null })
    .where(and(eq(webhookDelivery.endpointId, ep.id), eq(webhookDelivery.status, "pending")));
  const [written] = await writeNotifications(
    tx,
    [{ teamId: ep.teamId, ...notificationOf("webhook.disabled", { endpoint_id: ep.id, url: ep.url, failing_since: failingSince.toISOString(), days }) }],
    { now },
  );
  logger.warn({ endpoint_id: ep.id, team_id: ep.teamId, failing_since: failingSince.toISOString() }, "webhooks: endpoint disabled after failing for 5 days");
  return written?.id ?? null;
}

/** How many deliveries one `deliverDue` run takes at most, and how many it sends at once. */
export const DELIVER_DUE_BATCH = 200;
const DELIVER_DUE_PARALLEL = 8;

/** The job's work: every pending delivery due at `now` (oldest first, up to a batch), a few at a time. */
export async function deliverDue(db: Db, now = clock.now(), opts: { mailer?: TMailer | null; lookup?: TLookupAll; limit?: number } = {}) {
  const due = await db
    .select({ id: webhookDelivery.id })
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.status, "pending"), lte(webhookDelivery.nextAttemptAt, now)))
    .orderBy(asc(webhookDelivery.nextAttemptAt))
    .limit(opts.limit ?? DELIVER_DUE_BATCH);
  const counts = { due: due.length, delivered: 0, retry: 0, abandoned: 0, endpoint_disabled: 0, skipped: 0 };
  const queue = due.map((d) => d.id);
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const r = await attemptDelivery(db, id, { now, mailer: opts.mailer, lookup: opts.lookup }).catch((err: unknown) => {
        logError("webhooks: a delivery attempt failed", err);
        return { outcome: "not_due" as const };
      });
      if (r.outcome === "delivered" || r.outcome === "retry" || r.outcome === "abandoned" || r.outcome === "endpoint_disabled") counts[r.outcome]++;
      else counts.skipped++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELIVER_DUE_PARALLEL, queue.length) }, worker));
  return counts;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Right after the answer (spec 18.1): the first attempt of the team's new deliveries (those never
 * tried), then, for those that failed, the 5-second retry. Whatever is still pending is the job's.
 * Never throws: the outbox keeps what this misses.
 */
export async function deliverRightAway(
  db: Db,
  teamId: string,
  opts: { mailer?: TMailer | null; lookup?: TLookupAll; wait?: (ms: number) => Promise<void> } = {},
): Promise<{ attempted: number; retried: number; delivered: number }> {
  const out = { attempted: 0, retried: 0, delivered: 0 };
  try {
    const now = clock.now();
    const fresh = await db
      .select({ id: webhookDelivery.id })
      .from(webhookDelivery)
      .where(
        and(
          eq(webhookDelivery.teamId, teamId),
          eq(webhookDelivery.status, "pending"),
          eq(webhookDelivery.attempts, 0),
          lte(webhookDelivery.nextAttemptAt, now),
        ),
      );
    const first = await Promise.all(
      fresh.map((d) => attemptDelivery(db, d.id, { now, mailer: opts.mailer, lookup: opts.lookup }).then((r) => ({ id: d.id, r }))),
    );
    out.attempted = first.filter((f) => f.r.outcome !== "not_due").length;
    out.delivered = first.filter((f) => f.r.outcome === "delivered").length;
    const again = first.filter((f) => f.r.outcome === "retry" && f.r.attempts === 1);
    if (again.length === 0) return out;
    await (opts.wait ?? sleep)(WEBHOOK_RETRY_DELAYS_MS[0] + 50);
    const later = clock.now();
    const second = await Promise.all(again.map((f) => attemptDelivery(db, f.id, { now: later, mailer: opts.mailer, lookup: opts.lookup })));
    out.retried = second.filter((r) => r.outcome !== "not_due").length;
    out.delivered += second.filter((r) => r.outcome === "delivered").length;
  } catch (err) {
    logError("webhooks: delivering right after the answer failed", err);
  }
  return out;
}

export interface TWebhookDeliveryView {
  id: string;
  endpoint_id: string;
  event_type: string;
  status: TWebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  created_at: Date;
  payload: unknown;
  attempt_log: { at: Date; status_code: number | null; duration_ms: number; response_body: string | null; error: string | null }[];
}

/** The team's deliveries, newest first, each with its attempt log (owners and admins). */
export async function listDeliveries(db: Db, access: TTeamAccess, input: { endpointId?: string; limit?: number } = {}): Promise<TWebhookDeliveryView[]> {
  assertTeamRole(access, "admin", "see the team's webhook deliveries");
  const rows = await db
    .select()
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.teamId, access.team.id), input.endpointId ? eq(webhookDelivery.endpointId, input.endpointId) : undefined))
    .orderBy(desc(webhookDelivery.createdAt), desc(webhookDelivery.id))
    .limit(Math.min(input.limit ?? 50, 200));
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempt)
        .where(
          inArray(
            webhookAttempt.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempt.at), asc(webhookAttempt.id))
    : [];
  const logOf = new Map<string, TWebhookDeliveryView["attempt_log"]>();
  for (const a of attempts) {
    const log = logOf.get(a.deliveryId) ?? [];
    log.push({ at: a.at, status_code: a.statusCode, duration_ms: a.durationMs, response_body: a.responseBody, error: a.error });
    logOf.set(a.deliveryId, log);
  }
  return rows.map((r) => ({
    id: r.id,
    endpoint_id: r.endpointId,
    event_type: r.eventType,
    status: r.status,
    attempts: r.attempts,
    next_attempt_at: r.nextAttemptAt,
    last_attempt_at: r.lastAttemptAt,
    created_at: r.createdAt,
    payload: r.payload,
    attempt_log: logOf.get(r.id) ?? [],
  }));
}

/**
 * "Send a test event": a `webhook.test` delivery to one endpoint of the team (enabled or not),
 * attempted at once; a failed one is retried on the schedule like any other.
 */
export async function sendTestEvent(db: Db, access: TTeamAccess, endpointId: string, opts: Omit<TAttemptOptions, "force"> = {}) {
  assertTeamRole(access, "admin", "send a test event");
  const now = opts.now ?? clock.now();
  const [ep] = await db
    .select({ id: webhookEndpoint.id })
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.id, endpointId), eq(webhookEndpoint.teamId, access.team.id)));
  if (!ep) throw notFound("Webhook endpoint");
  const id = newId("msg");
  await db.insert(webhookDelivery).values({
    id,
    endpointId: ep.id,
    teamId: access.team.id,
    eventType: WEBHOOK_TEST_EVENT,
    payload: eventPayload(WEBHOOK_TEST_EVENT, { endpoint_id: ep.id, team: { id: access.team.id, slug: access.team.slug } }, now),
    nextAttemptAt: now,
    createdAt: now,
  });
  const result = await attemptDelivery(db, id, { ...opts, now, force: true });
  return { delivery_id: id, ...result };
}

/** Sends a delivery of the team again, now, with its `webhook-id` and body (a receiver that already has it can tell); logged as one more attempt. */
export async function replayDelivery(db: Db, access: TTeamAccess, deliveryId: string, opts: Omit<TAttemptOptions, "force"> = {}) {
  assertTeamRole(access, "admin", "replay a webhook delivery");
  const [d] = await db
    .select({ id: webhookDelivery.id })
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.id, deliveryId), eq(webhookDelivery.teamId, access.team.id)));
  if (!d) throw notFound("Webhook delivery");
  const result = await attemptDelivery(db, d.id, { ...opts, force: true });
  return { delivery_id: d.id, ...result };
}
