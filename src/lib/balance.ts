/**
 * The prepaid balance and automatic renewal (spec 15): the one place their words, bounds and
 * timing rules live. The database's checks, the services, the job, the API and the UI read them.
 */
import { CURRENCY_EXPONENT, priceOf, type TCurrency } from "./money";

/** What moved the balance: money in (`top_up`, `credit`, `refund`) or a purchase from it. */
export const BALANCE_ENTRY_KINDS = ["top_up", "renewal", "addon", "addon_renewal", "credit", "refund"] as const;
export type TBalanceEntryKind = (typeof BALANCE_ENTRY_KINDS)[number];

/** The largest top-up, as a multiple of the smallest (Pro's price). */
export const TOP_UP_MAX_MULTIPLE = 100;
/** The renewal job renews what falls due within this many hours. */
export const RENEWAL_WINDOW_HOURS = 24;
/** Days an item that could not be renewed stays `past_due` (limits kept, a banner) before it lapses. */
export const RENEWAL_GRACE_DAYS = 3;
/** Days before a renewal the team is reminded when its balance will not cover it. */
export const LOW_BALANCE_REMINDER_DAYS = [7, 3] as const;
/** A ledger page: at most this many entries. */
export const LEDGER_PAGE_MAX = 100;

/** The smallest top-up: Pro's price for one period; the largest: TOP_UP_MAX_MULTIPLE times it. Francs go in steps of 5. */
export function topUpBounds(currency: TCurrency): { min: number; max: number; step: number } {
  const min = priceOf("pro", currency);
  return { min, max: min * TOP_UP_MAX_MULTIPLE, step: CURRENCY_EXPONENT[currency] === 0 ? 5 : 1 };
}

/** Why `amountMinor` cannot be a top-up in `currency` (the refusal's reason), or null when it can. */
export function topUpProblem(amountMinor: number, currency: TCurrency): { reason: "top_up_out_of_bounds" | "top_up_step" } | null {
  const { min, max, step } = topUpBounds(currency);
  if (!Number.isSafeInteger(amountMinor) || amountMinor < min || amountMinor > max) return { reason: "top_up_out_of_bounds" };
  if (amountMinor % step !== 0) return { reason: "top_up_step" };
  return null;
}

/** The top-up a reminder asks for: the shortfall, but never less than the smallest top-up, rounded up to the step. */
export function suggestedTopUp(shortfallMinor: number, currency: TCurrency): number {
  const { min, step } = topUpBounds(currency);
  return Math.max(min, Math.ceil(shortfallMinor / step) * step);
}

/** One thing that renews from the balance: Pro, or an add-on by its id. */
export interface TRenewalItem {
  item: "pro" | string;
  dueAt: Date;
  priceMinor: number;
}

export interface TPlannedRenewal extends TRenewalItem {
  /** Whether the balance pays for it, after everything due before it. */
  covered: boolean;
  /** What is missing for it to be covered (0 when it is). */
  shortfallMinor: number;
}

/**
 * Which renewals the balance covers, in the order they fall due: each is taken from what is left
 * after the ones before it (an add-on due tomorrow and Pro due next week both need the money).
 * A renewal that is not covered takes nothing, so a cheaper one after it may still be.
 */
export function planRenewals(balanceMinor: number, items: readonly TRenewalItem[]): TPlannedRenewal[] {
  let left = balanceMinor;
  return [...items]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.item.localeCompare(b.item))
    .map((i) => {
      if (left >= i.priceMinor) {
        left -= i.priceMinor;
        return { ...i, covered: true, shortfallMinor: 0 };
      }
      return { ...i, covered: false, shortfallMinor: i.priceMinor - left };
    });
}
