/**
 * Money in three currencies (spec 14.1): the one place their minor units, the fixed parity of the
 * francs CFA, the countries they are used in and the price table live. Amounts are integers in the
 * currency's minor unit (ISO 4217 exponent): cents for EUR, francs for XOF and XAF.
 */
export const CURRENCIES = ["EUR", "XOF", "XAF"] as const;
export type TCurrency = (typeof CURRENCIES)[number];

/** Digits after the decimal point (the ISO 4217 exponent). */
export const CURRENCY_EXPONENT: Record<TCurrency, number> = { EUR: 2, XOF: 0, XAF: 0 };

export function isCurrency(value: unknown): value is TCurrency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

/** UEMOA (XOF) and CEMAC (XAF) members; a team in one of them pays in its franc, or in EUR. */
export const UEMOA_COUNTRIES = ["CI", "SN", "BJ", "BF", "ML", "NE", "TG", "GW"] as const;
export const CEMAC_COUNTRIES = ["CM", "GA", "CG", "TD", "CF", "GQ"] as const;
/** Countries whose people read French first (spec 14.6): the franc zones and these. */
export const FRANCOPHONE_COUNTRIES = [...UEMOA_COUNTRIES, ...CEMAC_COUNTRIES, "FR", "BE", "CH", "LU", "MC", "CD", "GN", "MG", "HT"] as const;

/** 1 EUR = 655.957 XOF = 655.957 XAF, fixed; kept as an integer ratio (655957 / 1000) so nothing rounds on the way. */
export const FRANC_PER_EUR_THOUSANDTHS = 655_957;

/** The currency a country's billing must be in, besides EUR (null: EUR only). */
export function francOf(country: string | null | undefined): "XOF" | "XAF" | null {
  if (!country) return null;
  if ((UEMOA_COUNTRIES as readonly string[]).includes(country)) return "XOF";
  if ((CEMAC_COUNTRIES as readonly string[]).includes(country)) return "XAF";
  return null;
}

/** Whether a team's country and currency agree: a XOF team is in UEMOA, a XAF team in CEMAC; EUR anywhere. */
export function currencyFitsCountry(currency: TCurrency, country: string | null | undefined): boolean {
  return currency === "EUR" || (!!country && francOf(country) === currency);
}

/**
 * The franc price of a euro price: EUR × 655.957, rounded up to a multiple of 5 francs (operators
 * refuse other amounts). Integer arithmetic: cents × 655957 / 100000 francs.
 */
export function francPriceOf(eurCents: number): number {
  return Math.ceil((eurCents * FRANC_PER_EUR_THOUSANDTHS) / 500_000) * 5;
}

/**
 * The most one support credit grants (spec 19), in minor units of `currency`: `maxEur` euros,
 * converted at the fixed parity for the francs and rounded down (a grant never exceeds the cap in
 * euros): 10 EUR is 1000 cents, 6559 F.
 */
export function creditCapMinor(maxEur: number, currency: TCurrency): number {
  const cents = Math.round(maxEur * 100);
  if (currency === "EUR") return cents;
  return Math.floor((cents * FRANC_PER_EUR_THOUSANDTHS) / 100_000);
}

/** One price in each currency, in minor units. */
export type TPrice = Record<TCurrency, number>;

function priced(eurCents: number): TPrice {
  const franc = francPriceOf(eurCents);
  return { EUR: eurCents, XOF: franc, XAF: franc };
}

/**
 * The price table: Pro for its 30 days and one unit of each add-on for its 30 days
 * (Pro 3.00 EUR = 1,970 F; RAM, traffic, storage 1.00 EUR = 660 F; CPU 2.00 EUR = 1,315 F).
 */
export const PRICES = {
  pro: priced(300),
  ram: priced(100),
  cpu: priced(200),
  traffic: priced(100),
  storage: priced(100),
} as const satisfies Record<string, TPrice>;
export type TPricedItem = keyof typeof PRICES;

export function priceOf(item: TPricedItem, currency: TCurrency): number {
  return PRICES[item][currency];
}

/** Why an amount in major units cannot be an amount of `currency`, or null when it can. */
export function amountProblem(amount: number, currency: string): string | null {
  if (!isCurrency(currency)) return `currency must be one of ${CURRENCIES.join(", ")}`;
  if (!Number.isFinite(amount) || amount < 0) return "amount must be a non-negative number";
  const exponent = CURRENCY_EXPONENT[currency];
  const minor = Math.round(amount * 10 ** exponent);
  if (Math.abs(minor / 10 ** exponent - amount) > 1e-9) {
    return exponent === 0
      ? `amount must be whole francs in ${currency} (no decimals: ${amount} is not an amount of ${currency})`
      : `amount must have at most ${exponent} decimals in ${currency}`;
  }
  if (!Number.isSafeInteger(minor)) return "amount is too large";
  return null;
}

/** Major units (3.0 EUR, 1970 XOF) to integer minor units (300, 1970). Throws on an amount the currency cannot hold. */
export function toMinor(amount: number, currency: string): number {
  const problem = amountProblem(amount, currency);
  if (problem) throw new RangeError(problem);
  return Math.round(amount * 10 ** CURRENCY_EXPONENT[currency as TCurrency]);
}

/** Integer minor units to major units: 300 EUR → 3, 1970 XOF → 1970. */
export function fromMinor(minor: number, currency: string): number {
  const exponent = isCurrency(currency) ? CURRENCY_EXPONENT[currency] : 2;
  return minor / 10 ** exponent;
}

/** An amount written plainly for logs and error messages, in the currency's own digits: "3.00 EUR", "1970 XOF". */
export function plainAmount(minor: number, currency: string): string {
  const exponent = isCurrency(currency) ? CURRENCY_EXPONENT[currency] : 2;
  return `${fromMinor(minor, currency).toFixed(exponent)} ${currency}`;
}
