import { and, desc, eq, inArray } from "drizzle-orm";
import { ADDONS, ADDON_PERIOD_DAYS, ADDON_TYPES, addonTotals, type TAddonType, ADDON_MOVES } from "@/lib/addons";
import { newId } from "@/lib/ids";
import { fromMinor, priceOf, type TCurrency } from "@/lib/money";
import type { TOperator } from "@/lib/mobile-money";
import type { Db } from "@/server/db/client";
import { additionalResource, payment } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { getEffectiveLimits } from "@/server/services/limits/effective-limits";
import { paymentTermsFor, providerFor, startPayment, toPaymentView, type TPaymentContext, type TPaymentView } from "@/server/services/payments/payments";
import { payFromBalance } from "@/server/services/payments/balance-payment";
import type { TPaymentMethod } from "@/lib/payments";
import { assertTeamRole, type TTeamAccess } from "@/server/services/teams/teams";
import { clock } from "@/lib/clock";

export const MAX_ADDON_QUANTITY = 100;

/** The Mobile Money payer as the request names it (spec 14.7). */
type TPayerInput = { payer_phone?: string | undefined; operator?: TOperator | undefined };

/** The catalogue in the notes' shape, priced in the team's currency (prices in major units, and minor units beside). */
export function listAddonCatalogue(currency: TCurrency) {
  return ADDON_TYPES.map((type) => {
    const a = ADDONS[type];
    const priceMinor = priceOf(type, currency);
    return {
      type,
      name: a.name,
      unit: a.unit,
      price: fromMinor(priceMinor, currency),
      price_minor: priceMinor,
      currency,
      description: a.description,
      icon: a.icon,
    };
  });
}

function assertCanBuy(access: TTeamAccess, action: string) {
  assertTeamRole(access, "admin", action);
  if (access.plan !== "pay_as_you_go") {
    throw new DomainError("FORBIDDEN", "Add-ons are for Pro teams. Upgrade the team to Pro on its Billing page, then buy add-ons.", {
      reason: "upgrade_required",
    });
  }
}

type TAddonRow = typeof additionalResource.$inferSelect;

export function toAddonView(r: TAddonRow) {
  return {
    id: r.id,
    resource_type: r.resourceType,
    quantity: r.quantity,
    unit_price: fromMinor(r.unitPriceMinor, r.currency),
    total_price: fromMinor(r.unitPriceMinor * r.quantity, r.currency),
    currency: r.currency,
    status: r.status,
    payment_id: r.paymentId,
    expires_at: r.expiresAt,
    /** Renews from the prepaid balance on its date (spec 15). */
    auto_renew: r.autoRenew,
    created_at: r.createdAt,
  };
}

/**
 * Buys `quantity` units of an add-on for a Pro team (owners and admins): the payment (amount =
 * quantity × unit price, computed here) and the `pending` resource are written together in one
 * transaction, then the backend is asked for the payment page. The resource becomes active only
 * when the payment completes (see the effects below).
 */
export async function purchaseAddon(
  db: Db,
  ctx: TPaymentContext,
  input: {
    access: TTeamAccess;
    userId: string;
    resourceType: TAddonType;
    quantity: number;
    paymentMethod: TPaymentMethod;
    payer?: TPayerInput;
  },
) {
  assertCanBuy(input.access, "buy add-ons");
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_ADDON_QUANTITY) {
    throw new DomainError("BAD_REQUEST", `quantity: must be a whole number from 1 to ${MAX_ADDON_QUANTITY}`);
  }
  const addon = ADDONS[input.resourceType];
  const terms = await paymentTermsFor(db, input.access.team.id, input.paymentMethod, input.payer ?? {});
  const unitPriceMinor = priceOf(input.resourceType, terms.currency);
  const amountMinor = unitPriceMinor * input.quantity;
  const description = `Servelink add-on: ${input.quantity} × ${addon.name} (${addon.unit}) for team ${input.access.team.slug}, ${ADDON_PERIOD_DAYS} days`;
  const resourceId = newId("res");
  // The add-on waits for its payment; its payment activates it.
  const pendingAddon = {
    id: resourceId,
    teamId: input.access.team.id,
    resourceType: input.resourceType,
    quantity: input.quantity,
    unitPriceMinor,
    currency: terms.currency,
    status: "pending" as const,
  };
  if (input.paymentMethod === "balance") {
    // Paid at once from the prepaid balance (spec 15): the add-on, its payment and its entry together.
    const paid = await payFromBalance(
      db,
      {
        id: newId("pay"),
        teamId: input.access.team.id,
        createdBy: input.userId,
        purpose: "addon_purchase",
        resourceId,
        amountMinor,
        currency: terms.currency,
        metadata: { description, resource_type: input.resourceType, quantity: input.quantity },
      },
      {
        what: `${input.quantity} × ${addon.name}`,
        before: async (tx) => {
          await tx.insert(additionalResource).values(pendingAddon);
        },
        after: async (tx, paid) => {
          await tx.update(additionalResource).set({ paymentId: paid.id }).where(eq(additionalResource.id, resourceId));
        },
      },
    );
    return purchaseAnswer(toPaymentView(paid), resourceId);
  }
  const p = await db.transaction(async (tx) => {
    const paymentId = newId("pay");
    await tx.insert(additionalResource).values(pendingAddon);
    const [p] = await tx
      .insert(payment)
      .values({
        id: paymentId,
        teamId: input.access.team.id,
        createdBy: input.userId,
        provider: providerFor(ctx, input.paymentMethod).id,
        purpose: "addon_purchase",
        resourceId,
        amountMinor,
        currency: terms.currency,
        paymentMethod: input.paymentMethod,
        payerPhone: terms.payer?.phone ?? null,
        operator: terms.payer?.operator ?? null,
        metadata: { description, resource_type: input.resourceType, quantity: input.quantity },
      })
      .returning();
    await tx.update(additionalResource).set({ paymentId }).where(eq(additionalResource.id, resourceId));
    return p!;
  });
  const started = await startPayment(db, ctx, p, input.access.team.slug, description);
  return purchaseAnswer(started, resourceId);
}

/** The notes' answer to a purchase or renewal. */
function purchaseAnswer(started: TPaymentView, resourceId: string) {
  return {
    payment_id: started.id,
    resource_id: resourceId,
    amount: started.amount,
    currency: started.currency,
    payment_url: started.payment_url,
    qr_code: started.qr_code,
    status: started.status,
  };
}

async function getTeamAddon(db: Db, teamId: string, resourceId: string): Promise<TAddonRow> {
  const [r] = await db
    .select()
    .from(additionalResource)
    .where(and(eq(additionalResource.id, resourceId), eq(additionalResource.teamId, teamId)))
    .limit(1);
  if (!r) throw new DomainError("NOT_FOUND", "Add-on not found.");
  return r;
}

/**
 * Renews an add-on for another 30 days: a new payment for the same units at today's price; once
 * it completes, `expires_at` moves 30 days past max(now, expires_at).
 */
export async function renewAddon(
  db: Db,
  ctx: TPaymentContext,
  input: { access: TTeamAccess; userId: string; resourceId: string; paymentMethod: TPaymentMethod; payer?: TPayerInput },
) {
  assertCanBuy(input.access, "renew add-ons");
  const r = await getTeamAddon(db, input.access.team.id, input.resourceId);
  if (!(ADDON_MOVES.renew.from as readonly string[]).includes(r.status)) {
    throw new DomainError("CONFLICT", `Only an active or expired add-on can be renewed; this one is ${r.status}.`, { reason: "not_renewable" });
  }
  const addon = ADDONS[r.resourceType];
  const terms = await paymentTermsFor(db, input.access.team.id, input.paymentMethod, input.payer ?? {});
  if (terms.currency !== r.currency) {
    throw new DomainError(
      "CONFLICT",
      `This add-on was bought in ${r.currency} and the team now pays in ${terms.currency}; buy it anew instead of renewing it.`,
      {
        reason: "currency_changed",
      },
    );
  }
  const description = `Servelink add-on renewal: ${r.quantity} × ${addon.name} (${addon.unit}) for team ${input.access.team.slug}, ${ADDON_PERIOD_DAYS} days`;
  if (input.paymentMethod === "balance") {
    const paid = await payFromBalance(
      db,
      {
        id: newId("pay"),
        teamId: input.access.team.id,
        createdBy: input.userId,
        purpose: "addon_renewal",
        resourceId: r.id,
        amountMinor: priceOf(r.resourceType, terms.currency) * r.quantity,
        currency: terms.currency,
        metadata: { description, resource_type: r.resourceType, quantity: r.quantity },
      },
      { what: `the renewal of ${r.quantity} × ${addon.name}` },
    );
    return purchaseAnswer(toPaymentView(paid), r.id);
  }
  const [p] = await db
    .insert(payment)
    .values({
      id: newId("pay"),
      teamId: input.access.team.id,
      createdBy: input.userId,
      provider: providerFor(ctx, input.paymentMethod).id,
      purpose: "addon_renewal",
      resourceId: r.id,
      amountMinor: priceOf(r.resourceType, terms.currency) * r.quantity,
      currency: terms.currency,
      paymentMethod: input.paymentMethod,
      payerPhone: terms.payer?.phone ?? null,
      operator: terms.payer?.operator ?? null,
      metadata: { description, resource_type: r.resourceType, quantity: r.quantity },
    })
    .returning();
  const started = await startPayment(db, ctx, p!, input.access.team.slug, description);
  return purchaseAnswer(started, r.id);
}

/** Cancels an active add-on at once (no refund): its capacity leaves the limits immediately. */
export async function cancelAddon(db: Db, input: { access: TTeamAccess; resourceId: string }) {
  assertTeamRole(input.access, "admin", "cancel add-ons");
  const r = await getTeamAddon(db, input.access.team.id, input.resourceId);
  if (r.status !== "active") {
    const hint = r.status === "pending" ? " Cancel its pending payment on the Billing page instead." : "";
    throw new DomainError("CONFLICT", `Only an active add-on can be cancelled; this one is ${r.status}.${hint}`, { reason: "not_active" });
  }
  const [cancelled] = await db
    .update(additionalResource)
    .set({ status: ADDON_MOVES.cancel.to, cancelledAt: clock.now(), updatedAt: clock.now() })
    .where(and(eq(additionalResource.id, r.id), inArray(additionalResource.status, ADDON_MOVES.cancel.from)))
    .returning();
  if (!cancelled) throw new DomainError("CONFLICT", "The add-on changed while it was being cancelled; reload to see it.", { reason: "not_active" });
  return toAddonView(cancelled);
}

/** The team's add-ons (newest first) and the totals of the active ones, in the notes' shape. */
export async function listTeamAddons(db: Db, teamId: string, now = clock.now()) {
  const rows = await db.select().from(additionalResource).where(eq(additionalResource.teamId, teamId)).orderBy(desc(additionalResource.createdAt));
  // The totals count what the limits count (active, not past expiry), from the rows just read.
  const counting = rows.filter((r) => (r.status === "active" && r.expiresAt !== null && r.expiresAt > now) || r.status === "past_due");
  return { resources: rows.map(toAddonView), totals: addonTotals(counting) };
}

/** The effective limits in the notes' shape: plan + active add-ons. */
export async function getTeamLimits(db: Db, teamId: string, now = clock.now()) {
  const l = await getEffectiveLimits(db, teamId, now);
  return {
    cpu_cores: l.cpu_cores,
    memory_mb: l.memory_mb,
    traffic_gb: l.traffic_gb,
    storage_mb: l.storage_mb,
    plan: l.plan,
    plan_limits: l.plan_limits,
    additional_resources: l.additional_resources,
  };
}
