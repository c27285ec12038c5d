import { expect, test } from "@playwright/test";
import { ALICE, BOB, DAVE, E2E } from "../fixtures/config";
import { tokenFor } from "../fixtures/tokens";

test.describe("payments over REST", () => {
  // With Stripe on in this server, a card payment goes through Stripe Checkout (the local stand-in of
  // its API, see test/stripe-standin.ts); openapi.spec.ts covers Mobile Money on the sandbox.
  test("alice starts a Pro card payment on acme: the server's amount, the Checkout page, history, status and cancel", async ({ request }) => {
    const alice = await tokenFor(ALICE);
    const auth = { authorization: `Bearer ${alice}` };

    const wrong = await request.post("/api/payments/acme/initiate", { headers: auth, data: { payment_method: "credit_card", amount: 1.5 } });
    expect(wrong.status()).toBe(400);
    expect((await wrong.json()).error).toMatchObject({ code: "amount_mismatch", message: expect.stringMatching(/^amount: must be 3\.00 EUR/) });

    const started = await request.post("/api/payments/acme/initiate", {
      headers: auth,
      data: { payment_method: "credit_card", amount: 3.0, plan_upgrade: true, new_plan: "pay_as_you_go" },
    });
    expect(started.status()).toBe(200);
    const body = await started.json();
    expect(body).toMatchObject({
      status: "pending",
      amount: 3,
      currency: "EUR",
      payment_id: expect.stringMatching(/^pay_/),
      external_payment_id: expect.stringMatching(/^cs_test_/),
    });
    expect(body.payment_url).toBe(`${E2E.stripeUrl}/checkout/${body.external_payment_id}`);

    const page = await request.get(body.payment_url);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain("3.00 EUR");

    const history = await request.get("/api/payments/acme/history", { headers: auth });
    expect(history.status()).toBe(200);
    const payments = (await history.json()).payments;
    expect(payments[0]).toMatchObject({
      id: body.payment_id,
      amount: 3,
      currency: "EUR",
      payment_method: "credit_card",
      provider: "stripe",
      status: "pending",
    });

    const status = await request.get(`/api/payments/${body.payment_id}/status`, { headers: auth });
    expect(await status.json()).toMatchObject({ payment_id: body.payment_id, status: "pending" });

    const bob = await tokenFor(BOB);
    const foreign = await request.get(`/api/payments/${body.payment_id}/status`, { headers: { authorization: `Bearer ${bob}` } });
    expect(foreign.status()).toBe(404);
    expect(await foreign.json()).toEqual({ error: { code: "not_found", message: "Payment not found." } });

    const cancelled = await request.post(`/api/payments/${body.payment_id}/cancel`, { headers: auth });
    expect(await cancelled.json()).toEqual({ payment_id: body.payment_id, status: "cancelled" });
    const again = await request.post(`/api/payments/${body.payment_id}/cancel`, { headers: auth });
    expect(again.status()).toBe(409);
  });

  test("a member who is not owner or admin gets 403; another team gets 404", async ({ request }) => {
    const dave = await tokenFor(DAVE);
    const res = await request.post("/api/payments/acme/initiate", {
      headers: { authorization: `Bearer ${dave}` },
      data: { payment_method: "mobile_money", payer_phone: "+225 07 07 12 34 56", operator: "orange_money" },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("insufficient_role");
    const other = await request.post("/api/payments/hobby/initiate", {
      headers: { authorization: `Bearer ${dave}` },
      data: { payment_method: "mobile_money", payer_phone: "+225 07 07 12 34 56", operator: "orange_money" },
    });
    expect(other.status()).toBe(404);
  });

  test("an unsigned callback gets 401", async ({ request }) => {
    const res = await request.post("/api/payments/callback", {
      data: { type: "payment.updated", data: { external_payment_id: "x", status: "completed", amount: 3, currency: "EUR" } },
    });
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("invalid_signature");
  });
});
