import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { checkoutSessionStatus } from "./stripe";

const session = (over: Partial<Stripe.Checkout.Session>) =>
  ({
    id: "cs_1",
    status: "open",
    payment_status: "unpaid",
    amount_total: 300,
    currency: "eur",
    customer: null,
    subscription: null,
    payment_intent: null,
    invoice: null,
    ...over,
  }) as Stripe.Checkout.Session;

describe("a Checkout Session read as our payment status", () => {
  it("open is pending, paid is completed, complete but unpaid is processing, expired is cancelled", () => {
    expect(checkoutSessionStatus(session({})).status).toBe("pending");
    expect(checkoutSessionStatus(session({ status: "complete", payment_status: "paid" })).status).toBe("completed");
    expect(checkoutSessionStatus(session({ status: "complete", payment_status: "no_payment_required" })).status).toBe("completed");
    expect(checkoutSessionStatus(session({ status: "complete", payment_status: "unpaid" })).status).toBe("processing");
    expect(checkoutSessionStatus(session({ status: "expired" })).status).toBe("cancelled");
  });

  it("carries the amount in cents, the currency in capitals, the transaction and the customer it created", () => {
    const s = checkoutSessionStatus(session({ status: "complete", payment_status: "paid", payment_intent: "pi_1", customer: "cus_1", subscription: "sub_1" }));
    expect(s).toEqual({
      status: "completed",
      amountMinor: 300,
      currency: "EUR",
      transactionId: "pi_1",
      billingLink: { stripeCustomerId: "cus_1", stripeSubscriptionId: "sub_1" },
    });
    expect(checkoutSessionStatus(session({ invoice: "in_1" })).transactionId).toBe("in_1");
  });
});
