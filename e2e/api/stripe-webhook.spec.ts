import { expect, test } from "@playwright/test";
import { signStripeEvent, stripeEvent } from "../../test/stripe-standin";

// The production build's Stripe webhook route (STRIPE_WEBHOOK_SECRET set by e2e/fixtures/config.ts),
// with events signed by the stripe package's generateTestHeaderString.
test.describe("POST /api/stripe/webhook", () => {
  test("an unsigned or wrongly signed event gets 400", async ({ request }) => {
    const event = stripeEvent("checkout.session.completed", { id: "cs_test_nobody", object: "checkout.session", metadata: { payment_id: "pay_x" } });
    const unsigned = await request.post("/api/stripe/webhook", { data: event });
    expect(unsigned.status()).toBe(400);
    expect((await unsigned.json()).error.code).toBe("invalid_signature");
    const forged = signStripeEvent(event, "whsec_not_ours");
    const wrong = await request.post("/api/stripe/webhook", { headers: forged.headers, data: forged.payload });
    expect(wrong.status()).toBe(400);
  });

  test("a signed event of a type we do not use is recorded as ignored; its replay is a duplicate", async ({ request }) => {
    const signed = signStripeEvent(stripeEvent("customer.created", { id: "cus_test_e2e", object: "customer" }));
    const first = await request.post("/api/stripe/webhook", { headers: signed.headers, data: signed.payload });
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: "ignored" });
    const replay = await request.post("/api/stripe/webhook", { headers: signed.headers, data: signed.payload });
    expect(await replay.json()).toEqual({ received: true, outcome: "duplicate" });
  });
});
