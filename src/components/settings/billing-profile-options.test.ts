import { describe, expect, it } from "vitest";
import { CEMAC_COUNTRIES, UEMOA_COUNTRIES, currencyFitsCountry } from "@/lib/money";
import { COUNTRY_GROUPS, currenciesFor, currencyAfterCountry, sortedCountries } from "./billing-profile-options";

const all = COUNTRY_GROUPS.flatMap((g) => [...g.countries]);

describe("the billing profile's choices (spec 14.1)", () => {
  it("offer every UEMOA and CEMAC member, and each country once", () => {
    for (const c of [...UEMOA_COUNTRIES, ...CEMAC_COUNTRIES]) expect(all).toContain(c);
    expect(new Set(all).size).toBe(all.length);
  });

  it("offer EUR everywhere, XOF in UEMOA, XAF in CEMAC, and only currencies the server takes", () => {
    expect(currenciesFor("CI")).toEqual(["XOF", "EUR"]);
    expect(currenciesFor("SN")).toEqual(["XOF", "EUR"]);
    expect(currenciesFor("CM")).toEqual(["XAF", "EUR"]);
    expect(currenciesFor("GQ")).toEqual(["XAF", "EUR"]);
    expect(currenciesFor("FR")).toEqual(["EUR"]);
    expect(currenciesFor(null)).toEqual(["EUR"]);
    for (const country of [...all, null]) for (const currency of currenciesFor(country)) expect(currencyFitsCountry(currency, country)).toBe(true);
  });

  it("move to the country's franc when a franc country is chosen, to EUR otherwise", () => {
    expect(currencyAfterCountry("CI")).toBe("XOF");
    expect(currencyAfterCountry("GA")).toBe("XAF");
    expect(currencyAfterCountry("BE")).toBe("EUR");
    expect(currencyAfterCountry(null)).toBe("EUR");
  });

  it("sort countries by their name in the reader's language", () => {
    const names = (locale: string) => (code: string) => new Intl.DisplayNames([locale], { type: "region" }).of(code)!;
    expect(sortedCountries(["DE", "CI", "TD"], names("fr"), "fr")).toEqual(["DE", "CI", "TD"]); // Allemagne, Côte d’Ivoire, Tchad
    expect(sortedCountries(["DE", "CI", "TD"], names("en"), "en")).toEqual(["TD", "CI", "DE"]); // Chad, Côte d’Ivoire, Germany
  });
});
