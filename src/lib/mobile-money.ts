/**
 * Mobile Money operators per country (spec 14.2), the one place they are listed, with the prefix
 * hints of the numbering plans that tell the operator from the number.
 */
export const OPERATORS = ["orange_money", "mtn_momo", "moov_money", "wave", "free_money", "airtel_money"] as const;
export type TOperator = (typeof OPERATORS)[number];

export const OPERATOR_NAMES: Record<TOperator, string> = {
  orange_money: "Orange Money",
  mtn_momo: "MTN MoMo",
  moov_money: "Moov Money",
  wave: "Wave",
  free_money: "Free Money",
  airtel_money: "Airtel Money",
};

export const OPERATORS_BY_COUNTRY: Record<string, readonly TOperator[]> = {
  CI: ["orange_money", "mtn_momo", "moov_money", "wave"],
  SN: ["orange_money", "free_money", "wave"],
  BJ: ["mtn_momo", "moov_money"],
  BF: ["orange_money", "moov_money"],
  ML: ["orange_money", "moov_money"],
  GW: ["orange_money", "mtn_momo"],
  TG: ["moov_money"],
  NE: ["moov_money"],
  CM: ["orange_money", "mtn_momo"],
  GA: ["airtel_money", "moov_money"],
  CG: ["airtel_money", "moov_money"],
  TD: ["airtel_money", "moov_money"],
  CF: ["orange_money"],
};

export const MOBILE_MONEY_COUNTRIES = Object.keys(OPERATORS_BY_COUNTRY);

export function isOperator(value: unknown): value is TOperator {
  return typeof value === "string" && (OPERATORS as readonly string[]).includes(value);
}

export function operatorsOf(country: string | null | undefined): readonly TOperator[] {
  return (country && OPERATORS_BY_COUNTRY[country]) || [];
}

/**
 * Where the national number's first two digits tell the operator (Côte d'Ivoire since 2021: 07
 * Orange, 05 MTN, 01 Moov). Elsewhere the payer picks it.
 */
const PREFIX_HINTS: Record<string, Record<string, TOperator>> = {
  CI: { "07": "orange_money", "05": "mtn_momo", "01": "moov_money" },
};

/** The operator a national number's prefix names, if the country's plan tells it. */
export function operatorHint(country: string, nationalNumber: string): TOperator | null {
  const hints = PREFIX_HINTS[country];
  return hints?.[nationalNumber.slice(0, 2)] ?? null;
}
