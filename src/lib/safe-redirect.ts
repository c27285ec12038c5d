/**
 * "Return to" addresses (spec 13): `?next=` on sign-in and sign-up, and a payment's `return_url`.
 * Each is resolved against the console's own address and must stay on its origin; anything else
 * (control characters, a backslash, `//host`, another origin, a malformed value) falls back.
 */
/** A control character (U+0000–U+001F, U+007F) or a backslash: never part of a return address. */
function isUnsafe(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return true;
  }
  return false;
}

/** The path (with query and fragment) to go to after signing in: on the console, or "/". */
export function safeNextPath(value: string | string[] | undefined | null, baseUrl = "http://localhost"): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next || isUnsafe(next)) return "/";
  const url = sameOriginUrl(next, baseUrl);
  if (!url) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `value` as a URL on `baseUrl`'s origin, or null when it leaves it (or is not a URL at all). */
export function sameOriginUrl(value: string, baseUrl: string): URL | null {
  if (isUnsafe(value) || value.startsWith("//")) return null;
  try {
    const base = new URL(baseUrl);
    const url = new URL(value, base);
    return url.origin === base.origin ? url : null;
  } catch {
    return null;
  }
}
