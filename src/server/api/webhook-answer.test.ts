import { describe, expect, it } from "vitest";
import { accepted, refused } from "@/server/services/payments/webhook-outcome";
import { webhookHttpAnswer } from "./webhook-answer";

describe("a webhook's HTTP answer", () => {
  it.each(["applied", "unchanged", "duplicate", "ignored"] as const)("%s: 200 with the outcome", (outcome) => {
    expect(webhookHttpAnswer(accepted(outcome, "team_x"))).toEqual({ status: 200, body: { received: true, outcome } });
  });
  it.each([
    ["invalid_signature", 401],
    ["invalid_request", 400],
    ["unknown_payment", 404],
    ["amount_mismatch", 422],
    ["payment_mismatch", 422],
  ] as const)("%s: %i with the code and the message", (refusal, status) => {
    expect(webhookHttpAnswer(refused(refusal, "What happened."))).toEqual({ status, body: { error: { code: refusal, message: "What happened." } } });
  });
  it("Stripe's bad signature is a 400, as Stripe expects", () => {
    expect(webhookHttpAnswer(refused("invalid_signature", "x"), { signatureStatus: 400 }).status).toBe(400);
  });
});
