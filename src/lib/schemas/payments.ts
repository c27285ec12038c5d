import { z } from "zod";
import { PAYMENT_METHODS, PAYMENT_STATUSES } from "@/lib/payments";
import { OPERATORS } from "@/lib/mobile-money";

/** The Mobile Money payer (spec 14.2, 14.7): required with mobile_money, checked against the team's country by the server. */
export const ZPayerFields = {
  payer_phone: z.string().min(1, "must not be empty").max(40, "is too long for a phone number").optional(),
  operator: z.enum(OPERATORS, `must be one of ${OPERATORS.join(", ")}`).optional(),
};

/** Body of `POST /api/payments/{team}/initiate` and `payments.initiate` (the notes' shape). */
export const ZInitiatePaymentSchema = z.object({
  /** What the payment is for: Pro (the default), or a top-up of the prepaid balance (spec 15) of `amount`. */
  purpose: z.enum(["plan_upgrade", "top_up"], "must be plan_upgrade or top_up").optional(),
  /** `balance`: Pro paid at once from the prepaid balance (spec 15). */
  payment_method: z.enum(PAYMENT_METHODS, "must be mobile_money, credit_card or balance"),
  ...ZPayerFields,
  /**
   * In major units of the team's currency (3.0 EUR, 1970 XOF). For Pro optional: the server computes
   * the amount and refuses a different one. For a top-up required: from Pro's price to 100 times it
   * (francs in multiples of 5).
   */
  amount: z.number().positive("must be positive").optional(),
  plan_upgrade: z.boolean().optional(),
  new_plan: z.literal("pay_as_you_go", "must be pay_as_you_go (Pro)").optional(),
  /** Card through Stripe only: bill Pro to the card every 30 days until cancelled in the billing portal. */
  auto_renew: z.boolean().optional(),
});
export type TInitiatePayment = z.infer<typeof ZInitiatePaymentSchema>;

/** `POST /api/stripe/create-checkout-session` (spec 20): a card payment through Stripe Checkout; the amount is the server's for Pro. */
export const ZStripeCheckoutSchema = ZInitiatePaymentSchema.pick({ purpose: true, amount: true, auto_renew: true });

/** The payment backend's webhook (spec 7.3). Amounts in major units. */
export const ZPaymentWebhookSchema = z.object({
  type: z.literal("payment.updated"),
  data: z.object({
    external_payment_id: z.string().min(1).max(200),
    status: z.enum(PAYMENT_STATUSES),
    /** Major units of `currency`; a delivery without amount or currency is completed from the status endpoint (spec 14.3). */
    amount: z.number().nonnegative().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO currency code such as EUR")
      .optional(),
    transaction_id: z.string().max(200).optional().nullable(),
    failure_reason: z.string().max(1000).optional().nullable(),
  }),
});
export type TPaymentWebhook = z.infer<typeof ZPaymentWebhookSchema>;
