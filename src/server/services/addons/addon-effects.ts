import { sql } from "drizzle-orm";
import { ADDON_PERIOD_DAYS, type TAddonType, ADDON_MOVES } from "@/lib/addons";
import { rowsOf, type Db, sqlWord, sqlWords } from "@/server/db/client";
import type { payment } from "@/server/db/schema";
import { CURRENCY_EXPONENT } from "@/lib/money";
import { enqueueEventsSql } from "@/server/services/webhooks/delivery";

/** The columns an add-on's `update … returning` gives `ADDON_EVENT_JSON`. */
export const ADDON_EVENT_COLUMNS = sql.raw(
  "id, team_id, resource_type, quantity, unit_price_minor, currency, status, payment_id, expires_at, auto_renew, created_at",
);
/** Minor units per major unit of the row's currency, in SQL (fromMinor's exponent: XOF and XAF 1, EUR 100). */
const minorPerMajor = `power(10, case currency ${Object.entries(CURRENCY_EXPONENT)
  .map(([c, e]) => `when '${c}' then ${e}`)
  .join(" ")} else 2 end)`;
/**
 * An add-on (a row of `ADDON_EVENT_COLUMNS`) in a webhook event's `data` (spec 18.1), built in SQL so
 * the event is written in the statement that moves the add-on: as the add-ons list gives it (toAddonView).
 */
export const ADDON_EVENT_JSON = sql.raw(`jsonb_build_object(
  'id', id, 'resource_type', resource_type, 'quantity', quantity,
  'unit_price', unit_price_minor / ${minorPerMajor}, 'total_price', unit_price_minor * quantity / ${minorPerMajor},
  'currency', currency, 'status', status, 'payment_id', payment_id,
  'expires_at', to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'auto_renew', auto_renew,
  'created_at', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);

// What add-on payments do; run by the payment status machine in the transaction of the transition.
type TPaymentRow = typeof payment.$inferSelect;

/** Purchase completed: the pending resource becomes active for 30 days from now. */
export const activateAddon = async (tx: Db, p: TPaymentRow, now: Date) => {
  if (!p.resourceId) return;
  // Its `addon.activated` webhook event (spec 18.1) in the same statement; sent after the commit (followUpPaymentChange).
  const [r] = rowsOf<{ resource_type: TAddonType; quantity: number; expires_at: string | Date }>(
    await tx.execute(sql`
      with activated as (
        update additional_resource
        set status = ${sqlWord(ADDON_MOVES.activate.to)}, activated_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz,
            expires_at = ${now.toISOString()}::timestamptz + make_interval(days => ${ADDON_PERIOD_DAYS}::int)
        where id = ${p.resourceId} and status in ${sqlWords(ADDON_MOVES.activate.from)}
        returning ${ADDON_EVENT_COLUMNS}
      ), events as (
        ${enqueueEventsSql("addon.activated", sql`select team_id, ${ADDON_EVENT_JSON} as data from activated`, now)}
      )
      select resource_type, quantity, expires_at from activated`),
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
