import { describe, expect, it } from "vitest";
import { PAYMENT_REASON_CODES, PAYMENT_REASONS, isPaymentReasonCode, reasonText } from "./payment-reasons";

describe("payment failure reasons in words (spec 14.3)", () => {
  it("lists the spec's codes, each with an English and a French text that differ", () => {
    expect([...PAYMENT_REASON_CODES].sort()).toEqual(
      ["declined", "duplicate_request", "expired", "insufficient_funds", "invalid_phone", "limit_exceeded", "operator_unavailable"].sort(),
    );
    for (const code of PAYMENT_REASON_CODES) {
      const { en, fr } = PAYMENT_REASONS[code];
      expect(en.trim().length, `${code} in English`).toBeGreaterThan(20);
      expect(fr.trim().length, `${code} in French`).toBeGreaterThan(20);
      expect(fr, `${code}: the French text is not the English one`).not.toBe(en);
      // Words for people, not the code itself.
      expect(en).not.toMatch(/_/);
      expect(fr).not.toMatch(/_/);
    }
  });

  it("says insufficient funds and the deadline as the spec words them", () => {
    expect(reasonText("insufficient_funds", "fr")).toMatch(/^Solde insuffisant/);
    expect(reasonText("insufficient_funds", "en")).toMatch(/^Insufficient balance/);
    expect(reasonText("expired", "fr")).toMatch(/^Le délai de validation est dépassé/);
    expect(reasonText("expired", "en")).toMatch(/ran out/);
  });

  it.each(PAYMENT_REASON_CODES)("gives %s in the reader's language: French for any French locale, English otherwise", (code) => {
    expect(reasonText(code, "fr")).toBe(PAYMENT_REASONS[code].fr);
    expect(reasonText(code, "fr-CI")).toBe(PAYMENT_REASONS[code].fr);
    expect(reasonText(code, "FR")).toBe(PAYMENT_REASONS[code].fr);
    expect(reasonText(code, "en")).toBe(PAYMENT_REASONS[code].en);
    expect(reasonText(code, "de")).toBe(PAYMENT_REASONS[code].en);
    expect(reasonText(` ${code} `, "en")).toBe(PAYMENT_REASONS[code].en);
  });

  it("quotes an unknown code, or a provider's own text, in a plain sentence", () => {
    expect(reasonText("card_stolen", "en")).toBe("The payment failed (reason given: “card_stolen”).");
    expect(reasonText("card_stolen", "fr")).toBe("Le paiement a échoué (motif donné\u00a0: «\u00a0card_stolen\u00a0»).");
    expect(reasonText("The payer declined the payment (sandbox).", "en")).toBe(
      "The payment failed (reason given: “The payer declined the payment (sandbox).”).",
    );
  });

  it("takes only the exact codes as codes", () => {
    expect(isPaymentReasonCode("expired")).toBe(true);
    expect(isPaymentReasonCode("EXPIRED")).toBe(false);
    expect(isPaymentReasonCode("toString")).toBe(false);
    expect(isPaymentReasonCode(null)).toBe(false);
  });
});
