import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getAuth } from "@/server/auth";
import { getDb } from "@/server/db-config";
import type { Db } from "@/server/db/client";
import { followUpPayment, followUpTraffic, followUpWebhookEvents } from "@/server/after-response";
import { getMailer } from "@/server/mail-config";
import { getPaymentContext, getPaymentContextIfConfigured } from "@/server/payments-config";
import type { TGlobalRole } from "@/lib/roles";
import { authenticateApiToken } from "@/server/services/tokens/api-tokens";
import { createContextInner, type TContextInner, type TSessionUser } from "./context";
import { isSafeMethod, isSameOriginJson } from "./cross-site";
import { env } from "@/env.js";
import { limiter } from "@/server/limits-config";

/** Compares a secret the caller sent with the expected one in constant time (no timing hint). */
export function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1]! : "";
}

export interface TCaller {
  user: TSessionUser | null;
  auth: TContextInner["auth"];
}

/**
 * Who is calling: a personal API token (Bearer) first, otherwise the browser session cookie.
 * The one place both the tRPC context and the REST paths identify a caller.
 */
export async function resolveCaller(db: Db, headers: Headers): Promise<TCaller> {
  const token = bearerToken(headers);
  if (token !== null) {
    if (!token) return { user: null, auth: "malformed_authorization" };
    const user = await authenticateApiToken(db, token);
    return { user, auth: user ? "token" : "invalid_token" };
  }
  const session = await (await getAuth()).api.getSession({ headers });
  if (!session) return { user: null, auth: "none" };
  const u = session.user as typeof session.user & { role?: string };
  return { user: { id: u.id, email: u.email, name: u.name, role: (u.role ?? "user") as TGlobalRole }, auth: "session" };
}

/**
 * The tRPC context of a request: an HTTP call to `/api/trpc` (`req`: rate-limited, and a
 * cookie-authenticated change must come from the console's own pages), or a page's server-side
 * read (`headers` only: the console itself is calling).
 */
export async function createRequestContext(from: { req: Request } | { headers: Headers }): Promise<TContextInner> {
  const db = await getDb();
  const headers = "req" in from ? from.req.headers : from.headers;
  const caller = await resolveCaller(db, headers);
  const http = "req" in from ? from.req : null;
  return createContextInner({
    db,
    ...caller,
    payments: getPaymentContext,
    paymentsIfConfigured: getPaymentContextIfConfigured,
    mailer: getMailer(),
    onPaymentCompleted: followUpPayment,
    onWebhookEvents: followUpWebhookEvents,
    // Projects made active again: their containers start, as woken ones do after traffic (and the limits are checked once more).
    onProjectsReactivated: followUpTraffic,
    supportCreditMaxEur: env.SUPPORT_CREDIT_MAX,
    isCrossSite: !!http && caller.auth === "session" && !isSafeMethod(http.method) && !isSameOriginJson(headers, env.BASE_URL),
    rateLimit: http ? async (userId) => (await limiter("trpc")).hit(userId) : undefined,
    headers,
  });
}
