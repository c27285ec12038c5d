import { FRANCOPHONE_COUNTRIES } from "@/lib/money";
import { DEFAULT_LOCALE, LOCALES, isLocale, type TLocale } from "./locales";

/**
 * Which language a reader gets (spec 14.6), as pure rules: the UI, the API's error messages, the
 * notifications and the e-mails all decide here, so they cannot disagree.
 */

interface TRange {
  tag: string;
  q: number;
  order: number;
}

/** `fr-CI,fr;q=0.9,en;q=0.8` as ranges, best first (ties keep the header's order); q=0 and junk dropped. */
function parseAcceptLanguage(header: string): TRange[] {
  const ranges: TRange[] = [];
  header.split(",").forEach((part, order) => {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = rawTag?.trim().toLowerCase() ?? "";
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    ranges.push({ tag, q, order });
  });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order);
}

/**
 * The supported language an `Accept-Language` header asks for, or null when it names none: each
 * range in preference order, matched on its primary subtag (`fr-CI`, `fr-FR`, `fr` → fr); `*`
 * takes the default. A header of `de, fr;q=0.5` gives fr: a supported second choice beats none.
 */
export function negotiateLocale(header: string | null | undefined): TLocale | null {
  if (!header) return null;
  for (const { tag } of parseAcceptLanguage(header)) {
    if (tag === "*") return DEFAULT_LOCALE;
    const primary = tag.split("-")[0];
    const match = LOCALES.find((l) => l === primary);
    if (match) return match;
  }
  return null;
}

/** What a request says about its reader: the account's stored choice, this browser's cookie, its Accept-Language. */
export interface TLocaleSources {
  /** `user.locale` of the signed-in user (null: never chose, or nobody is signed in). */
  account?: string | null;
  /** The NEXT_LOCALE cookie: the choice made in this browser (maybe before signing in). */
  cookie?: string | null;
  acceptLanguage?: string | null;
}

/**
 * A browser (signed in or not): the account's choice wins on every device, so a person who chose
 * English on a laptop reads English on a French phone once signed in; then the choice made in this
 * browser; then what the browser asks for; then English.
 */
export function browserLocale(s: TLocaleSources): TLocale {
  if (isLocale(s.account)) return s.account;
  if (isLocale(s.cookie)) return s.cookie;
  return negotiateLocale(s.acceptLanguage) ?? DEFAULT_LOCALE;
}

/** A Bearer (API token) call: the language the script asks for, then the token owner's choice, then English. */
export function tokenLocale(s: TLocaleSources): TLocale {
  const asked = negotiateLocale(s.acceptLanguage);
  if (asked) return asked;
  return isLocale(s.account) ? s.account : DEFAULT_LOCALE;
}

export function isFrancophoneCountry(country: string | null | undefined): boolean {
  return !!country && (FRANCOPHONE_COUNTRIES as readonly string[]).includes(country.toUpperCase());
}

/**
 * An e-mail's language: the recipient's choice, else the team's document language (spec 16 adds
 * it: pass it as `documentLocale` then), else French when the team's billing country is
 * francophone, else English.
 */
export function emailLocale(input: { userLocale?: string | null; documentLocale?: string | null; country?: string | null }): TLocale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (isLocale(input.documentLocale)) return input.documentLocale;
  return isFrancophoneCountry(input.country) ? "fr" : DEFAULT_LOCALE;
}

/** One cookie's value from a `Cookie` header, or null. */
export function cookieValue(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
