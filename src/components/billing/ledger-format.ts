import { formatMoney } from "@/lib/format";

// The ledger's paging and its signed amounts; no "use client", so the server page reads the same page size.

/** Entries per page of the ledger. */
export const LEDGER_PAGE_SIZE = 10;

/** "+5 000 F CFA" for money in, "−1 970 F CFA" (a real minus sign) for money out: the sign is said, not only coloured. */
export function signedMoney(minor: number, currency: string, locale: string): string {
  const amount = formatMoney(Math.abs(minor), currency, locale);
  return minor > 0 ? `+${amount}` : minor < 0 ? `\u2212${amount}` : amount;
}
