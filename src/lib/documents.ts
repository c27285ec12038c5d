/**
 * Receipts and monthly statements (spec 16): the one place their words, numbers and the seller's
 * defaults live. The database's checks, the services, the PDF and the API read them.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";

export const DOCUMENT_KINDS = ["receipt", "statement"] as const;
export type TDocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_LANGUAGES = ["fr", "en"] as const;
export type TDocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** The receipts' prefix when DOCUMENT_PREFIX is not set. */
export const DEFAULT_DOCUMENT_PREFIX = "SL";

/** A receipt's number: one gapless sequence per UTC calendar year across all rails (SL-2026-000001). */
export function receiptNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(6, "0")}`;
}

/** The series a receipt's number is taken from (the counter row's key). */
export function receiptSeries(prefix: string, at: Date): { series: string; year: number } {
  const year = at.getUTCFullYear();
  return { series: `${prefix}-${year}`, year };
}

/** A statement's number: numbered apart from receipts, one per team and month (ST-2026-11-acme). */
export function statementNumber(month: string, teamSlug: string): string {
  return `ST-${month}-${teamSlug}`;
}

/** `YYYY-MM` of an instant (UTC). */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The month before the one `at` is in (UTC), as `YYYY-MM`, with its bounds. */
export function previousMonth(at: Date): { month: string; start: Date; end: Date } {
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  return { month: monthOf(start), start, end };
}

/** The bounds of a `YYYY-MM` month (UTC): [start, end). */
export function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { start: new Date(Date.UTC(y, m - 1, 1)), end: new Date(Date.UTC(y, m, 1)) };
}

/** A phone number as a receipt and the ledger show it: its country calling code and last two digits (+225 ••••••••56, +33 •••••••78). */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const digits = e164.replace(/[^\d]/g, "");
  const code = parsed?.countryCallingCode ?? digits.slice(0, 3);
  const national = parsed?.nationalNumber ?? digits.slice(code.length);
  if (national.length < 4) return `+${code} ••`;
  return `+${code} ${"•".repeat(national.length - 2)}${national.slice(-2)}`;
}

/** The mention a seller without VAT prints (France's franchise en base). */
export const DEFAULT_VAT_MENTION = "TVA non applicable, art. 293 B du CGI";

/** The demo seller (a newcomer's console issues documents before anything is configured). */
export const DEMO_SELLER = {
  name: "Servelink SAS (demo)",
  address: "12 rue de la Paix, 75002 Paris, France",
  taxId: "FR00 123456789",
} as const;
