import { CEMAC_COUNTRIES, UEMOA_COUNTRIES, francOf, type TCurrency } from "@/lib/money";

/**
 * The countries a team's billing profile offers (spec 14.1), in three groups: the UEMOA members
 * (francs CFA of West Africa, XOF), the CEMAC members (XAF), and a few others where the console's
 * payers are (EUR only). Names come from the reader's language at display time.
 */
export const OTHER_BILLING_COUNTRIES = ["FR", "BE", "CH", "LU", "MC", "CD", "GN", "MG", "HT", "MA", "TN", "DZ", "GH", "NG", "CA", "US", "GB", "DE"] as const;

export const COUNTRY_GROUPS = [
  { id: "uemoa", countries: UEMOA_COUNTRIES },
  { id: "cemac", countries: CEMAC_COUNTRIES },
  { id: "other", countries: OTHER_BILLING_COUNTRIES },
] as const;

export type TCountryGroupId = (typeof COUNTRY_GROUPS)[number]["id"];

/** The currencies a team of `country` may bill in: EUR always, and the country's franc where it has one. */
export function currenciesFor(country: string | null): TCurrency[] {
  const franc = francOf(country);
  return franc ? [franc, "EUR"] : ["EUR"];
}

/**
 * The currency after choosing `country`: its franc where it has one (as the server does when only
 * the country is sent), otherwise EUR, the only one it allows.
 */
export function currencyAfterCountry(country: string | null): TCurrency {
  return francOf(country) ?? "EUR";
}

/** A group's countries sorted by their name in the reader's language. */
export function sortedCountries(countries: readonly string[], nameOf: (code: string) => string, locale: string): string[] {
  const collator = new Intl.Collator(locale);
  return [...countries].sort((a, b) => collator.compare(nameOf(a), nameOf(b)));
}
