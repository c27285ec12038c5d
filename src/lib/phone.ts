import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { operatorHint, type TOperator } from "./mobile-money";

export interface TPhone {
  /** E.164, as the backend receives it: "+2250707123456". */
  e164: string;
  /** The country the number belongs to ("CI"). */
  country: string;
  /** The national significant number ("0707123456"). */
  national: string;
  /** The operator the numbering plan names for it, where it tells one. */
  hint: TOperator | null;
}

/**
 * A payer's number in E.164 (spec 14.2): read in the team's country when it has one ("07 07 12 34
 * 56" in CI), and in international form otherwise ("+225 07 07 12 34 56", "00225 0707123456",
 * "2250707123456"). Null when it is not a valid number.
 */
export function normalisePhone(raw: string, country: string | null | undefined): TPhone | null {
  const text = raw.trim();
  if (!/^[+\d][\d\s().\-/]*$/.test(text) || text.length > 32) return null;
  const digits = text.replace(/[^\d]/g, "");
  const candidates: Array<[string, CountryCode | undefined]> = [];
  if (text.startsWith("+")) candidates.push([`+${digits}`, undefined]);
  else if (digits.startsWith("00")) candidates.push([`+${digits.slice(2)}`, undefined]);
  else {
    if (country) candidates.push([digits, country as CountryCode]);
    candidates.push([`+${digits}`, undefined]);
  }
  for (const [value, defaultCountry] of candidates) {
    const parsed = parsePhoneNumberFromString(value, defaultCountry);
    if (parsed?.isValid() && parsed.country) {
      return { e164: parsed.number, country: parsed.country, national: parsed.nationalNumber, hint: operatorHint(parsed.country, parsed.nationalNumber) };
    }
  }
  return null;
}
