import { CURRENCY_EXPONENT, fromMinor, isCurrency } from "@/lib/money";

/**
 * The top-up amount as the form holds it (spec 15): typed in major units of the team's currency,
 * checked against the bounds `balance.get` gives (Pro's price to 100 times it, francs in steps of
 * 5) before anything is sent. Pure: the form and the unit tests share it.
 */
export interface TTopUpBounds {
  min_minor: number;
  max_minor: number;
  step_minor: number;
}

export type TTopUpProblem = "missing" | "invalid" | "too_small" | "too_large" | "step";

export type TTopUpCheck = { ok: true; amount: number; minor: number } | { ok: false; problem: TTopUpProblem };

/** The amount a link asks for (`?top_up=<minor>`, e.g. a reminder's), brought within the bounds and up to the step; the smallest top-up without one. */
export function topUpPrefill(askedMinor: number | null, bounds: TTopUpBounds): number {
  if (askedMinor === null || !Number.isFinite(askedMinor) || askedMinor <= 0) return bounds.min_minor;
  const stepped = Math.ceil(askedMinor / bounds.step_minor) * bounds.step_minor;
  return Math.min(bounds.max_minor, Math.max(bounds.min_minor, stepped));
}

/** Minor units as the amount field shows them: "5000" francs, "3" or "12.5" euros (a number input's own form). */
export function amountInputValue(minor: number, currency: string): string {
  return String(fromMinor(minor, currency));
}

/** `?top_up=` as minor units, or null when absent or not a positive whole number. */
export function topUpParam(value: string | string[] | undefined): number | null {
  if (typeof value !== "string" || !/^\d{1,12}$/.test(value)) return null;
  const minor = Number(value);
  return minor > 0 ? minor : null;
}

/** What the server would say of the amount, said before sending; the amount in major units (as `payments.initiate` takes it) when it is fine. */
export function checkTopUp(text: string, currency: string, bounds: TTopUpBounds): TTopUpCheck {
  const raw = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(",", ".");
  if (!raw) return { ok: false, problem: "missing" };
  if (!/^\d+(\.\d+)?$/.test(raw)) return { ok: false, problem: "invalid" };
  const exponent = isCurrency(currency) ? CURRENCY_EXPONENT[currency] : 2;
  const decimals = raw.split(".")[1]?.length ?? 0;
  // More decimals than the currency has (a franc has none) cannot be paid.
  if (decimals > exponent && !/^0+$/.test(raw.split(".")[1]!.slice(exponent))) return { ok: false, problem: "step" };
  const minor = Math.round(Number(raw) * 10 ** exponent);
  if (!Number.isSafeInteger(minor)) return { ok: false, problem: "invalid" };
  if (minor < bounds.min_minor) return { ok: false, problem: "too_small" };
  if (minor > bounds.max_minor) return { ok: false, problem: "too_large" };
  if (minor % bounds.step_minor !== 0) return { ok: false, problem: "step" };
  return { ok: true, amount: fromMinor(minor, currency), minor };
}
