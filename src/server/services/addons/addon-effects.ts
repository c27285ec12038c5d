import { sql } from "drizzle-orm";
import { ADDON_PERIOD_DAYS, type TAddonType, ADDON_MOVES } from "@/lib/addons";
import { rowsOf, type Db, sqlWord, sqlWords } from "@/server/db/client";
import type { payment } from "@/server/db/schema";

// What add-on payments do; run by the payment status machine in the transaction of the transition.
type TPaymentRow = typeof payment.$inferSelect;

/** Purchase completed: the pending resource becomes active for 30 days from now. */
export const activateAddon = async (tx: Db, p: TPaymentRow, now: Date) => {
  if (!p.resourceId) return;
  const [r] = rowsOf<{ resource_type: TAddonType; quantity: number; expires_at: string }>(
    await tx.execute(sql`
      update additional_resource
      set status = ${sqlWord(ADDON_MOVES.activate.to)}, activated_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz,
          expires_at = ${now.toISOString()}::timestamptz + make_interval(days => ${ADDON_PERIOD_DAYS}::int)
      where id = ${p.resourceId} and status in ${sqlWords(ADDON_MOVES.activate.from)}
      returning resource_type, quantity, expires_at`),
  );
  if (!r) return;
  return { purpose: "addon_purchase" as const, resource_type: r.resource_type, quantity: r.quantity, expires_at: new Date(r.expires_at).toISOString() };
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
