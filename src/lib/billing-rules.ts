/** The timing rules of expiry and reconciliation (spec 6), named once: the SQL and the texts both read them. */

/** Days before an add-on or Pro lapses that the team is reminded. */
export const EXPIRY_REMINDER_DAYS = 3;
/** Days a Pro billed to a card by Stripe keeps after its period end, for the renewal invoice to arrive. */
export const STRIPE_RENEWAL_GRACE_DAYS = 2;
/** A payment pending this long is asked about at its provider by the nightly reconciliation. */
export const RECONCILE_AFTER_MINUTES = 10;
/** A payment pending this long gets a reminder. */
export const PENDING_REMINDER_HOURS = 24;
/** A Mobile Money payment whose backend names no `expires_at` ends this long after it starts (spec 14.3). */
export const MOBILE_MONEY_DEADLINE_MS = 10 * 60_000;
/** A card page (the backend's, or Stripe Checkout's) ends this long after it opens. */
export const CARD_PAGE_DEADLINE_MS = 60 * 60_000;
/** When `reconcile-payment` asks the status after initiate (spec 14.3), then once more at the deadline. */
export const RECONCILE_BACKOFF_MS = [30_000, 60_000, 120_000, 300_000] as const;
