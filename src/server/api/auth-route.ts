import "server-only";
import { getAuth } from "@/server/auth";
import { getDb } from "@/server/db-config";
import { getMailer } from "@/server/mail-config";
import { limiter } from "@/server/limits-config";
import { recordSignInFailure, signInBlockedFor } from "@/server/services/auth/sign-in-guard";
import { logError, noteRoute } from "@/server/log";
import { localizeErrorMessage } from "./localized-errors";
import { resolveRequestLocale } from "./request-locale";

/** better-auth's error shape (its client reads `code` and `message`), with Retry-After; the message in the browser's language (spec 14.6). */
async function tooMany(req: Request, code: string, message: string, retryAfter: number): Promise<Response> {
  const locale = await resolveRequestLocale(null, { headers: req.headers, auth: "none" });
  return Response.json(
    { code, message: localizeErrorMessage({ reason: code, message }, locale) },
    { status: 429, headers: { "retry-after": String(retryAfter) } },
  );
}

/** The caller's address as `npm start` set it from the socket (spec 13); a client cannot choose it. */
function clientOf(req: Request): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

async function emailOf(req: Request): Promise<string | null> {
  try {
    const body = (await req.clone().json()) as { email?: unknown };
    return typeof body.email === "string" && body.email.trim() ? body.email : null;
  } catch {
    return null;
  }
}

/**
 * `/api/auth/*`: better-auth, behind the sign-in limits of spec 13. Per client address
 * (`AUTH_RATE_LIMIT_MAX` per 10 s for sign-in, three times that per minute for sign-up) and per
 * account address (10 failures in 15 minutes block it for the rest of the window, whatever the
 * password: 429 `too_many_attempts`). An unknown address is counted like a known one, so the
 * answers never tell which exist.
 */
export async function handleAuthRequest(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  // The access line names better-auth's endpoint (`/api/auth/sign-in/email`); a path with anything
  // but lowercase words (a reset link's token) stays `/api/auth/[...all]`.
  if (/^\/api\/auth(\/[a-z][a-z-]{0,30}){1,3}$/.test(path)) noteRoute(path);
  const isSignIn = req.method === "POST" && path.endsWith("/sign-in/email");
  const isSignUp = req.method === "POST" && path.endsWith("/sign-up/email");
  if (isSignIn || isSignUp) {
    const wait = await (await limiter(isSignIn ? "sign-in" : "sign-up")).hit(clientOf(req));
    if (wait > 0) return tooMany(req, "too_many_requests", `Too many attempts from this address. Try again in ${wait} s.`, wait);
  }
  const email = isSignIn ? await emailOf(req) : null;
  if (email) {
    const blocked = await signInBlockedFor(await getDb(), email);
    if (blocked > 0) {
      return tooMany(req, "too_many_attempts", `Too many failed sign-ins for this address. Try again in ${Math.ceil(blocked / 60)} min.`, blocked);
    }
  }
  const res = await (await getAuth()).handler(req);
  if (email && res.status === 401) {
    try {
      // This failure is answered as what it is (a wrong password); the attempts after it are blocked.
      await recordSignInFailure(await getDb(), { email, mailer: getMailer() });
    } catch (err) {
      logError("counting a failed sign-in", err);
    }
  }
  return res;
}
