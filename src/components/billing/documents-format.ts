// The Documents list's paging and words; no "use client", so the server page asks for the same first page.

/** Documents shown at first, and added by each "Show more". */
export const DOCUMENTS_PAGE_SIZE = 10;

/** The most `documents.list` answers at once: the list stops growing there. */
export const DOCUMENTS_MAX = 500;

/** The `limit` to ask for to show `shown` documents: one more, to know whether there are more. */
export function documentsLimit(shown: number): number {
  return Math.min(shown + 1, DOCUMENTS_MAX);
}

/** A statement's month (`YYYY-MM`) in words: "November 2026", "novembre 2026". */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}
