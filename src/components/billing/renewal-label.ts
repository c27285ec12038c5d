import { ADDONS, type TAddonType } from "@/lib/addons";
import { RENEWAL_GRACE_DAYS, suggestedTopUp } from "@/lib/balance";
import { isCurrency } from "@/lib/money";

// Words and figures the renewals list, the past-due banner and the Overview's warning share, so
// they cannot say different things about one renewal.

type TTranslate = (key: string, values?: Record<string, string | number>) => string;

const DAY_MS = 86_400_000;

export interface TRenewalLike {
  kind: "pro" | "addon";
  resource_type: TAddonType | null;
  quantity: number | null;
  due_at: Date;
  price_minor: number | null;
  shortfall_minor: number | null;
}

/** "Pro", or an add-on as "Extra RAM, 2 × 500 MB" (its name from the `addons` texts). */
export function renewalName(r: TRenewalLike, tAddons: TTranslate): string {
  if (r.kind === "pro" || !r.resource_type) return "Pro";
  const name = tAddons(`types.${r.resource_type}.name`);
  return r.quantity ? `${name}, ${tAddons("quantityTimesUnit", { quantity: r.quantity, unit: ADDONS[r.resource_type].unit })}` : name;
}

/** When a past-due item lapses: RENEWAL_GRACE_DAYS after the date it fell due (spec 15). */
export function graceEndOf(r: Pick<TRenewalLike, "due_at">): Date {
  return new Date(new Date(r.due_at).getTime() + RENEWAL_GRACE_DAYS * DAY_MS);
}

/**
 * The top-up that saves a renewal the balance does not cover, as the reminders ask for it: the
 * shortfall (or, for an item whose switch is off, its price less the balance), never less than
 * the smallest top-up.
 */
export function topUpFor(r: TRenewalLike, balanceMinor: number, currency: string): number | null {
  if (!isCurrency(currency)) return null;
  const shortfall = r.shortfall_minor ?? (r.price_minor === null ? null : Math.max(0, r.price_minor - balanceMinor));
  return shortfall === null ? null : suggestedTopUp(shortfall, currency);
}
