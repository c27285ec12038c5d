import { describe, expect, it } from "vitest";
import { topUpBounds } from "@/lib/balance";
import { amountInputValue, checkTopUp, topUpParam, topUpPrefill } from "./top-up-form";

const bounds = (currency: "EUR" | "XOF") => {
  const b = topUpBounds(currency);
  return { min_minor: b.min, max_minor: b.max, step_minor: b.step };
};

describe("the top-up amount (spec 15)", () => {
  it("takes francs from Pro's price to 100 times it, in steps of 5", () => {
    expect(checkTopUp("5000", "XOF", bounds("XOF"))).toEqual({ ok: true, amount: 5000, minor: 5000 });
    expect(checkTopUp("5 000", "XOF", bounds("XOF"))).toEqual({ ok: true, amount: 5000, minor: 5000 });
    expect(checkTopUp("1970", "XOF", bounds("XOF")).ok).toBe(true);
    expect(checkTopUp("1965", "XOF", bounds("XOF"))).toEqual({ ok: false, problem: "too_small" });
    expect(checkTopUp("5002", "XOF", bounds("XOF"))).toEqual({ ok: false, problem: "step" });
    expect(checkTopUp("5000.5", "XOF", bounds("XOF"))).toEqual({ ok: false, problem: "step" });
    expect(checkTopUp("197005", "XOF", bounds("XOF"))).toEqual({ ok: false, problem: "too_large" });
  });

  it("takes euros to the cent, with a comma or a point", () => {
    expect(checkTopUp("3", "EUR", bounds("EUR"))).toEqual({ ok: true, amount: 3, minor: 300 });
    expect(checkTopUp("12,50", "EUR", bounds("EUR"))).toEqual({ ok: true, amount: 12.5, minor: 1250 });
    expect(checkTopUp("12.345", "EUR", bounds("EUR"))).toEqual({ ok: false, problem: "step" });
    expect(checkTopUp("2.99", "EUR", bounds("EUR"))).toEqual({ ok: false, problem: "too_small" });
    expect(checkTopUp("300.01", "EUR", bounds("EUR"))).toEqual({ ok: false, problem: "too_large" });
  });

  it("says what is missing or unreadable before anything is sent", () => {
    expect(checkTopUp("  ", "EUR", bounds("EUR"))).toEqual({ ok: false, problem: "missing" });
    expect(checkTopUp("-5", "EUR", bounds("EUR"))).toEqual({ ok: false, problem: "invalid" });
    expect(checkTopUp("1e3", "XOF", bounds("XOF"))).toEqual({ ok: false, problem: "invalid" });
  });
});

describe("a reminder's ?top_up= (spec 15)", () => {
  it("reads a positive whole number of minor units, and nothing else", () => {
    expect(topUpParam("1970")).toBe(1970);
    expect(topUpParam(["1970"])).toBeNull();
    expect(topUpParam("0")).toBeNull();
    expect(topUpParam("19.70")).toBeNull();
    expect(topUpParam(undefined)).toBeNull();
  });

  it("prefills the amount within the bounds, up to the step", () => {
    expect(topUpPrefill(1970, bounds("XOF"))).toBe(1970);
    expect(topUpPrefill(2001, bounds("XOF"))).toBe(2005);
    expect(topUpPrefill(910, bounds("XOF"))).toBe(1970);
    expect(topUpPrefill(10_000_000, bounds("XOF"))).toBe(197_000);
    expect(topUpPrefill(null, bounds("EUR"))).toBe(300);
    expect(amountInputValue(1250, "EUR")).toBe("12.5");
    expect(amountInputValue(5000, "XOF")).toBe("5000");
  });
});
