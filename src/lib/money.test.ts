import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { amountProblem, CURRENCIES, currencyFitsCountry, francPriceOf, fromMinor, PRICES, priceOf, toMinor } from "./money";
import { formatMoney } from "./format";

/** Intl writes narrow and ordinary no-break spaces; a reader sees spaces. */
const spaced = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("the price table (spec 14.1)", () => {
  it("has the spec's franc prices: Pro 1,970; RAM, traffic, storage 660; CPU 1,315, in XOF and XAF alike", () => {
    expect(PRICES.pro).toEqual({ EUR: 300, XOF: 1970, XAF: 1970 });
    for (const item of ["ram", "traffic", "storage"] as const) expect(PRICES[item]).toEqual({ EUR: 100, XOF: 660, XAF: 660 });
    expect(PRICES.cpu).toEqual({ EUR: 200, XOF: 1315, XAF: 1315 });
  });

  it("rounds every euro price up to a multiple of 5 francs, never below EUR × 655.957", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (cents) => {
        const francs = francPriceOf(cents);
        expect(Number.isInteger(francs)).toBe(true);
        expect(francs % 5).toBe(0);
        expect(francs).toBeGreaterThanOrEqual((cents / 100) * 655.957 - 1e-6);
        expect(francs - (cents / 100) * 655.957).toBeLessThan(5);
      }),
    );
  });
});

describe("minor units", () => {
  it("keeps 1,970 XOF as 1970 both ways: never 19.70 nor 197,000", () => {
    for (const currency of ["XOF", "XAF"] as const) {
      expect(toMinor(1970, currency)).toBe(1970);
      expect(fromMinor(1970, currency)).toBe(1970);
    }
    expect(toMinor(3, "EUR")).toBe(300);
    expect(fromMinor(300, "EUR")).toBe(3);
  });

  it("any price and quantity round-trips through major units in its own currency, whole francs and multiples of 5", () => {
    const items = Object.keys(PRICES) as (keyof typeof PRICES)[];
    fc.assert(
      fc.property(fc.constantFrom(...items), fc.constantFrom(...CURRENCIES), fc.integer({ min: 1, max: 100 }), (item, currency, quantity) => {
        const minor = priceOf(item, currency) * quantity;
        const major = fromMinor(minor, currency);
        expect(toMinor(major, currency)).toBe(minor);
        if (currency !== "EUR") {
          expect(Number.isInteger(major)).toBe(true);
          expect(major % 5).toBe(0);
          expect(major).toBe(minor);
        }
      }),
    );
  });

  it("refuses francs with decimals and euros with more than two", () => {
    expect(amountProblem(19.7, "XOF")).toMatch(/whole francs/);
    expect(amountProblem(1970.5, "XAF")).toMatch(/whole francs/);
    expect(amountProblem(3.001, "EUR")).toMatch(/at most 2 decimals/);
    expect(amountProblem(3.1, "USD")).toMatch(/currency must be one of/);
    expect(amountProblem(1970, "XOF")).toBeNull();
    expect(amountProblem(3.0, "EUR")).toBeNull();
    expect(() => toMinor(19.7, "XOF")).toThrow(RangeError);
  });
});

describe("countries and currencies", () => {
  it("puts XOF in UEMOA, XAF in CEMAC, EUR anywhere", () => {
    expect(currencyFitsCountry("XOF", "CI")).toBe(true);
    expect(currencyFitsCountry("XOF", "CM")).toBe(false);
    expect(currencyFitsCountry("XAF", "CM")).toBe(true);
    expect(currencyFitsCountry("XAF", "SN")).toBe(false);
    expect(currencyFitsCountry("XOF", null)).toBe(false);
    expect(currencyFitsCountry("EUR", "SN")).toBe(true);
    expect(currencyFitsCountry("EUR", null)).toBe(true);
  });
});

describe("formatMoney (Intl, in the reader's locale)", () => {
  it("writes francs without decimals and euros with two, as each locale does", () => {
    expect(spaced(formatMoney(1970, "XOF", "fr"))).toBe("1 970 F CFA");
    expect(spaced(formatMoney(1970, "XAF", "fr"))).toBe("1 970 FCFA");
    expect(spaced(formatMoney(300, "EUR", "fr"))).toBe("3,00 €");
    expect(formatMoney(300, "EUR", "en")).toBe("€3.00");
    expect(formatMoney(1970, "XOF", "en")).toMatch(/^(F\s?CFA|CFA)\s?1,970$/);
  });
});
