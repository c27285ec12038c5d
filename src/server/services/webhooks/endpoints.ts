import { and, count, eq, sql } from "drizzle-orm";
import { newId } from "@/lib/ids";
import { clock } from "@/lib/clock";
import { MAX_WEBHOOK_ENDPOINTS_PER_TEAM, WEBHOOK_EVENT_TYPES, WEBHOOK_SECRET_OVERLAP_MS, type TWebhookEventType } from "@/lib/webhooks";
import type { Db } from "@/server/db/client";
import { webhookEndpoint } from "@/server/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { assertTeamRole, type TTeamAccess } from "@/server/services/teams/teams";
import { encryptSecret, newWebhookSecret } from "./secrets";
import { checkWebhookUrl, type TLookupAll } from "./url-guard";

/** An endpoint as the API shows it: never its secret (shown once, by `addEndpoint` and `rotateSecret`). */
export interface TWebhookEndpointView {
  id: string;
  url: string;
  event_types: TWebhookEventType[];
  description: string;
  enabled: boolean;
  disabled_at: Date | null;
  disabled_reason: string | null;
  failing_since: Date | null;
  /** Until when the previous secret still signs too, after a rotation. */
  previous_secret_expires_at: Date | null;
  created_at: Date;
}

const viewColumns = {
  id: webhookEndpoint.id,
  url: webhookEndpoint.url,
  event_types: webhookEndpoint.eventTypes,
  description: webhookEndpoint.description,
  enabled: webhookEndpoint.enabled,
  disabled_at: webhookEndpoint.disabledAt,
  disabled_reason: webhookEndpoint.disabledReason,
  failing_since: webhookEndpoint.failingSince,
  previous_secret_expires_at: webhookEndpoint.previousSecretExpiresAt,
  created_at: webhookEndpoint.createdAt,
};

function view(row: TWebhookEndpointView, now: Date): TWebhookEndpointView {
  const overlap = row.previous_secret_expires_at && row.previous_secret_expires_at > now ? row.previous_secret_expires_at : null;
  return { ...row, previous_secret_expires_at: overlap };
}

const MANAGE = "manage the team's webhooks";

function checkEventTypes(types: readonly string[]): TWebhookEventType[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw new DomainError("BAD_REQUEST", "Choose at least one event type.", { reason: "webhook_no_event_types" });
  const unknown = unique.filter((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length) throw new DomainError("BAD_REQUEST", `Unknown event type: ${unknown.join(", ")}.`, { reason: "webhook_unknown_event_type" });
  return unique as TWebhookEventType[];
}

/** The team's endpoints, oldest first (owners and admins). */
export async function listEndpoints(db: Db, access: TTeamAccess, now = clock.now()): Promise<TWebhookEndpointView[]> {
  assertTeamRole(access, "admin", MANAGE);
  const rows = await db
    .select(viewColumns)
    .from(webhookEndpoint)
    .where(eq(webhookEndpoint.teamId, access.team.id))
    .orderBy(webhookEndpoint.createdAt, webhookEndpoint.id);
  return rows.map((r) => view(r, now));
}

/**
 * Registers an endpoint (owners and admins, up to 10 per team): its URL passes the SSRF guard, its
 * event types are known ones. Answers the endpoint and its `whsec_` secret, the one time it is shown.
 */
export async function addEndpoint(
  db: Db,
  access: TTeamAccess,
  input: { url: string; eventTypes: readonly string[]; description?: string; userId: string | null },
  opts: { now?: Date; lookup?: TLookupAll } = {},
): Promise<{ endpoint: TWebhookEndpointView; secret: string }> {
  assertTeamRole(access, "admin", MANAGE);
  const now = opts.now ?? clock.now();
  const eventTypes = checkEventTypes(input.eventTypes);
  const description = (input.description ?? "").trim();
  if (description.length > 200) throw new DomainError("BAD_REQUEST", "The description is at most 200 characters.", { reason: "webhook_description_too_long" });
  const target = await checkWebhookUrl(input.url, { lookup: opts.lookup });
  if (target.url.href.length > 2048) throw new DomainError("BAD_REQUEST", "The endpoint URL is at most 2048 characters.", { reason: "webhook_url_refused" });
  const secret = newWebhookSecret();
  const row = await db.transaction(async (tx) => {
    // The team's endpoints counted under a lock on the team's row, so two adds cannot pass 10 together.
    await tx.execute(sql`select id from team where id = ${access.team.id} for update`);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(webhookEndpoint).where(eq(webhookEndpoint.teamId, access.team.id));
    if (n >= MAX_WEBHOOK_ENDPOINTS_PER_TEAM) {
      throw new DomainError("FORBIDDEN", `A team can have at most ${MAX_WEBHOOK_ENDPOINTS_PER_TEAM} webhook endpoints. Remove one to add another.`, {
        reason: "webhook_endpoint_limit",
        details: { limit: MAX_WEBHOOK_ENDPOINTS_PER_TEAM },
      });
    }
    const [inserted] = await tx
      .insert(webhookEndpoint)
      .values({
        id: newId("whe"),
        teamId: access.team.id,
        url: target.url.href,
        eventTypes,
        description,
        secretCiphertext: encryptSecret(secret),
        createdBy: input.userId,
        createdAt: now,
      })
      .returning(viewColumns);
    return inserted!;
  });
  return { endpoint: view(row, now), secret };
}

/** Removes an endpoint of the team, with its deliveries and their log; another team's is NOT_FOUND. */
export async function removeEndpoint(db: Db, access: TTeamAccess, endpointId: string): Promise<{ removed: true }> {
  assertTeamRole(access, "admin", MANAGE);
  const [gone] = await db
    .delete(webhookEndpoint)
    .where(and(eq(webhookEndpoint.id, endpointId), eq(webhookEndpoint.teamId, access.team.id)))
    .returning({ id: webhookEndpoint.id });
  if (!gone) throw notFound("Webhook endpoint");
  return { removed: true };
}

/**
 * A new secret for the endpoint, shown once; the one it replaces keeps signing (both signatures sent)
 * for 24 hours, so receivers can switch without losing a delivery. A second rotation within the
 * overlap drops the oldest secret.
 */
export async function rotateSecret(
  db: Db,
  access: TTeamAccess,
  endpointId: string,
  now = clock.now(),
): Promise<{ endpoint: TWebhookEndpointView; secret: string }> {
  assertTeamRole(access, "admin", MANAGE);
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ secretCiphertext: webhookEndpoint.secretCiphertext })
      .from(webhookEndpoint)
      .where(and(eq(webhookEndpoint.id, endpointId), eq(webhookEndpoint.teamId, access.team.id)))
      .for("update");
    if (!current) throw notFound("Webhook endpoint");
    const [row] = await tx
      .update(webhookEndpoint)
      .set({
        secretCiphertext: encryptSecret(secret),
        previousSecretCiphertext: current.secretCiphertext,
        previousSecretExpiresAt: new Date(now.getTime() + WEBHOOK_SECRET_OVERLAP_MS),
      })
      .where(eq(webhookEndpoint.id, endpointId))
      .returning(viewColumns);
    return { endpoint: view(row!, now), secret };
  });
}

/** Enables a disabled endpoint again (after its receiver was fixed): it starts with a clean failure record. */
export async function setEndpointEnabled(db: Db, access: TTeamAccess, endpointId: string, enabled: boolean, now = clock.now()): Promise<TWebhookEndpointView> {
  assertTeamRole(access, "admin", MANAGE);
  const [row] = await db
    .update(webhookEndpoint)
    .set(
      enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
        : { enabled: false, disabledAt: now, disabledReason: "disabled by a member of the team" },
    )
    .where(and(eq(webhookEndpoint.id, endpointId), eq(webhookEndpoint.teamId, access.team.id)))
    .returning(viewColumns);
  if (!row) throw notFound("Webhook endpoint");
  return view(row, now);
}
