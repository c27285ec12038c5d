import { sql } from "drizzle-orm";
import { ADDON_PERIOD_DAYS, type TAddonType, ADDON_MOVES } from "@/lib/addons";
import { rowsOf, type Db, sqlWord, sqlWords } from "@/server/db/client";
import type { payment } from "@/server/db/schema";
import { fromMinor, type TCurrency } from "@/lib/money";
import { enqueueEvent } from "@/server/services/webhooks/delivery";

/** An add-on's row as its webhook events read it (the columns of `ADDON_EVENT_COLUMNS`). */
export type TAddonEventRow = {
  id: string;
  team_id: string;
  resource_type: TAddonType;
  quantity: number;
  unit_price_minor: number;
  currency: TCurrency;
  status: string;
  payment_id: string | null;
  expires_at: string | Date | null;
  auto_renew: boolean;
  created_at: string | Date;
};
export const ADDON_EVENT_COLUMNS = sql.raw(
  "id, team_id, resource_type, quantity, unit_price_minor, currency, status, payment_id, expires_at, auto_renew, created_at",
);
const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

/** An add-on in a webhook event's `data`: as the add-ons list gives it (toAddonView). */
export function addonEventData(r: TAddonEventRow) {
  return {
    id: r.id,
    resource_type: r.resource_type,
    quantity: r.quantity,
    unit_price: fromMinor(r.unit_price_minor, r.currency),
    total_price: fromMinor(r.unit_price_minor * r.quantity, r.currency),
    currency: r.currency,
    status: r.status,
    payment_id: r.payment_id,
    expires_at: iso(r.expires_at),
    auto_renew: r.auto_renew,
    created_at: iso(r.created_at),
  };
}

// What add-on payments do; run by the payment status machine in the transaction of the transition.
type TPaymentRow = typeof payment.$inferSelect;

/** Purchase completed: the pending resource becomes active for 30 days from now. */
export const activateAddon = async (tx: Db, p: TPaymentRow, now: Date) => {
  if (!p.resourceId) return;
  const [r] = rowsOf<TAddonEventRow>(
    await tx.execute(sql`
      update additional_resource
      set status = ${sqlWord(ADDON_MOVES.activate.to)}, activated_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz,
          expires_at = ${now.toISOString()}::timestamptz + make_interval(days => ${ADDON_PERIOD_DAYS}::int)
      where id = ${p.resourceId} and status in ${sqlWords(ADDON_MOVES.activate.from)}
      returning ${ADDON_EVENT_COLUMNS}`),
  );
  if (!r) return;
  // Its webhook event (spec 18.1), in the completion's transaction; sent after it (followUpPaymentChange).
  await enqueueEvent(tx, r.team_id, "addon.activated", addonEventData(r), now);
  return { purpose: "addon_purchase" as const, resource_type: r.resource_type, quantity: r.quantity, expires_at: new Date(r.expires_at!).toISOString() };
};

/** Renewal completed: 30 more days from max(now, expires_at); an expired add-on comes back. */
export const extendAddon = async (tx: Db, p: TPaymentRow, now: Date) => {
  if (!p.resourceId) return;
  const [r] = rowsOf<{ resource_type: TAddonType; quantity: number; expires_at: string }>(
    await tx.execute(sql`
      update additional_resource
      set status = ${sqlWord(ADDON_MOVES.renew.to)}, updated_at = ${now.toISOString()}::timestamptz,
          expires_at = greatest(${now.toISOString()}::timestamptz, coalesce(expires_at, ${now.toISOString()}::timestamptz)) + make_interval(days => ${ADDON_PERIOD_DAYS}::int)
      where id = ${p.resourceId} and status in ${sqlWords(ADDON_MOVES.renew.from)}
      returning resource_type, quantity, expires_at`),
  );
  if (!r) return;
  return { purpose: "addon_renewal" as const, resource_type: r.resource_type, quantity: r.quantity, expires_at: new Date(r.expires_at).toISOString() };
};

/** Purchase failed or cancelled: the pending resource is cancelled. */
export const cancelPendingAddon = async (tx: Db, p: TPaymentRow, now: Date) => {
  if (!p.resourceId) return;
  await tx.execute(
    sql`update additional_resource set status = ${sqlWord(ADDON_MOVES.abandon.to)}, cancelled_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz where id = ${p.resourceId} and status in ${sqlWords(ADDON_MOVES.abandon.from)}`,
  );
};
