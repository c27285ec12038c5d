/**
 * The payment's words and its status machine (spec 7.1), the one source for the database's checks,
 * the services, the API's schemas and the UI.
 */
export const PAYMENT_METHODS = ["mobile_money", "credit_card", "balance"] as const;
export type TPaymentMethod = (typeof PAYMENT_METHODS)[number];
/** The methods a payment provider takes (the payer approves them); `balance` is paid from the team's prepaid balance (spec 15). */
export const RAIL_METHODS = ["mobile_money", "credit_card"] as const satisfies readonly TPaymentMethod[];
export type TRailMethod = (typeof RAIL_METHODS)[number];

export const PAYMENT_STATUSES = ["pending", "processing", "completed", "failed", "cancelled"] as const;
export type TPaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Who runs a payment: the backend of spec 7.2, Stripe, or the console itself for a purchase from the balance. */
export const PAYMENT_PROVIDERS = ["payment_backend", "stripe", "balance"] as const;
export type TPaymentProviderId = (typeof PAYMENT_PROVIDERS)[number];

/** What a payment buys; `top_up` fills the prepaid balance (spec 15). */
export const PAYMENT_PURPOSES = ["plan_upgrade", "addon_purchase", "addon_renewal", "top_up"] as const;
export type TPaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

/**
 * pending → processing → completed | failed | cancelled, and pending → completed | failed |
 * cancelled. Final states never move.
 */
const NEXT: Record<TPaymentStatus, readonly TPaymentStatus[]> = {
  pending: ["processing", "completed", "failed", "cancelled"],
  processing: ["completed", "failed", "cancelled"],
  completed: [],
  failed: [],
  cancelled: [],
};

/** The statuses nothing moves a payment out of: completed, failed, cancelled. */
export const FINAL_PAYMENT_STATUSES = PAYMENT_STATUSES.filter((s) => NEXT[s].length === 0) as readonly ("completed" | "failed" | "cancelled")[];
/** Statuses a payment can still move from (the ones reconciliation and the status check look at). */
export const OPEN_PAYMENT_STATUSES = PAYMENT_STATUSES.filter((s) => NEXT[s].length > 0) as readonly ("pending" | "processing")[];

export function isFinalStatus(status: TPaymentStatus): boolean {
  return NEXT[status].length === 0;
}

/** Whether `requested` is a move from `current` in the status machine. */
export function canMovePayment(current: TPaymentStatus, requested: TPaymentStatus): boolean {
  return NEXT[current].includes(requested);
}
