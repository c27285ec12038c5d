/**
 * Spec 13's cross-site rule: a call authenticated by the session cookie that changes anything must
 * come from the console's own pages (`Origin` equal to BASE_URL's origin, or `Sec-Fetch-Site:
 * same-origin`) and carry `application/json` (a form or `text/plain` post from another site would
 * otherwise ride on the cookie). Bearer-token calls are not checked: no browser sends those by itself.
 * Not applied to `/api/auth/*` (better-auth checks its own origins) nor to the signed webhooks.
 */
export const CROSS_SITE_MESSAGE =
  "This request changes something with your session cookie but does not come from the console's own pages (Origin and a JSON body are required). Use the console, or send a personal API token.";

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** True when a cookie-authenticated change comes from the console itself. */
export function isSameOriginJson(headers: Headers, baseUrl: string): boolean {
  // Browsers set Sec-Fetch-Site themselves (a page cannot forge it); Origin covers older ones.
  const sameOrigin = headers.get("sec-fetch-site") === "same-origin" || originIs(headers.get("origin"), baseUrl);
  const type = (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return sameOrigin && type === "application/json";
}

function originIs(origin: string | null, baseUrl: string): boolean {
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}
