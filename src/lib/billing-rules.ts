/** The timing rules of expiry and reconciliation (spec 6), named once: the SQL and the texts both read them. */

/** Days before an add-on or Pro lapses that the team is reminded. */
export const EXPIRY_REMINDER_DAYS = 3;
/** Days a Pro billed to a card by Stripe keeps after its period end, for the renewal invoice to arrive. */
export const STRIPE_RENEWAL_GRACE_DAYS = 2;
/** A payment pending this long is asked about at its provider by the nightly reconciliation. */
export const RECONCILE_AFTER_MINUTES = 10;
/** A payment pending this long gets a reminder. */
export const PENDING_REMINDER_HOURS = 24;
