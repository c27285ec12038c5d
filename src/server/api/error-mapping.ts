import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { ZodError } from "zod";
import { DomainError, describeZodError, type TDomainErrorCode } from "@/server/errors";
import type { TContextInner } from "./context";
import { logError } from "@/server/log";
import type { TLocale } from "@/lib/locales";
import { localizeErrorMessage } from "./localized-errors";

/** The one mapping from domain errors to HTTP statuses and tRPC codes. */
export const HTTP_STATUS: Record<TDomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PAYMENT_REQUIRED: 402,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  BAD_GATEWAY: 502,
  SERVICE_UNAVAILABLE: 503,
};

export const TRPC_CODE: Record<TDomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  PAYMENT_REQUIRED: "PAYMENT_REQUIRED",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  BAD_GATEWAY: "BAD_GATEWAY",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** Why a caller without a valid identity is refused: one reason and sentence for tRPC and REST alike. */
export const AUTH_REFUSALS = {
  /** An `Authorization: Bearer` token that matches no live token. */
  invalid_token: "The API token is invalid or has been revoked.",
  /** An `Authorization` header of another scheme (Basic, a bare token…). */
  malformed_authorization: "The Authorization header must be 'Bearer <token>' with a personal API token.",
  /** No credentials at all. */
  unauthenticated: "Sign in, or send a personal API token as 'Authorization: Bearer <token>'.",
} as const;

/** The refusal for how a caller was identified, or null when it was (a session or a valid token). */
export function authRefusal(auth: TContextInner["auth"]) {
  if (auth === "session" || auth === "token") return null;
  const reason = auth === "none" ? "unauthenticated" : auth;
  return { reason, message: AUTH_REFUSALS[reason] };
}

export const GENERIC_MESSAGE = "Something went wrong on our side. Please try again; if it persists, contact support.";

/** The seconds a client is told to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_S = 2;
export const DATABASE_UNAVAILABLE_MESSAGE = `The database cannot be reached at the moment; nothing was changed. Try again in ${DATABASE_RETRY_AFTER_S} s.`;

// postgres.js's own connection failures, and the socket's.
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
// SQLSTATE: the server shutting down or starting up (57P01-57P03), a connection exception (class 08).
const SHUTDOWN_STATES = new Set(["57P01", "57P02", "57P03"]);

/**
 * Whether `err` (or one of its causes) says the database cannot be reached: a refused, reset or
 * closed connection, or a server shutting down or starting up. Outside services (payment backend,
 * Stripe, Docker) fail as DomainErrors of their own before reaching here.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === "object" && depth < 8; e = e.cause as typeof e, depth++) {
    if (e instanceof DomainError) return false;
    const code = typeof e.code === "string" ? e.code : "";
    if (CONNECTION_CODES.has(code) || SHUTDOWN_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

const outageLog = globalThis as unknown as { __servelinkDbOutageLoggedAt?: number };

/** A database outage as the SERVICE_UNAVAILABLE it is (503, Retry-After), logged every 10 s at most (not a line per request). */
function databaseUnavailable(err: unknown): DomainError {
  const now = Date.now();
  if (!outageLog.__servelinkDbOutageLoggedAt || now - outageLog.__servelinkDbOutageLoggedAt > 10_000) {
    outageLog.__servelinkDbOutageLoggedAt = now;
    logError("the database cannot be reached: requests are answered 503 with Retry-After until it answers", err);
  }
  return new DomainError("SERVICE_UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE, { reason: "database_unavailable", cause: err });
}

/**
 * The message a client reads, in its reader's language (spec 14.6); the code and reason stay as
 * they are. A zod failure is an `invalid_request` naming its fields.
 */
export function errorMessage(err: DomainError | ZodError, locale: TLocale): string {
  if (err instanceof ZodError) return localizeErrorMessage({ reason: "invalid_request", message: describeZodError(err) }, locale);
  return localizeErrorMessage(err, locale);
}

/** The generic answer of an unexpected failure, in the reader's language. */
export function genericMessage(locale: TLocale): string {
  return localizeErrorMessage({ reason: "internal_error", message: GENERIC_MESSAGE }, locale);
}

export function toTRPCError(err: unknown, locale: TLocale = "en"): TRPCError {
  if (err instanceof TRPCError) return err;
  if (isDatabaseUnavailable(err)) return toTRPCError(databaseUnavailable(err), locale);
  if (err instanceof DomainError) return new TRPCError({ code: TRPC_CODE[err.code], message: errorMessage(err, locale), cause: err });
  if (err instanceof ZodError) {
    // As a DomainError, so the formatter sends this message and `invalid_request` as its reason.
    const cause = new DomainError("BAD_REQUEST", errorMessage(err, locale), { reason: "invalid_request", cause: err });
    return new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  }
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: genericMessage(locale), cause: err instanceof Error ? err : undefined });
}

export interface TRestError {
  status: number;
  body: { error: { code: string; message: string } };
  /** Retry-After when the database cannot be reached. */
  headers?: Record<string, string>;
}

/**
 * The REST error answer `{ error: { code, message } }`, its message in the reader's language
 * (the code never changes); a database outage is a 503 `database_unavailable` with Retry-After;
 * unknown errors are logged here, server side only.
 */
export function toRestError(err: unknown, locale: TLocale = "en"): TRestError {
  if (isDatabaseUnavailable(err)) {
    const { status, body } = toRestError(databaseUnavailable(err), locale);
    return { status, body, headers: { "retry-after": String(DATABASE_RETRY_AFTER_S) } };
  }
  if (err instanceof DomainError) {
    return { status: HTTP_STATUS[err.code], body: { error: { ...err.exposed, code: err.reason, message: errorMessage(err, locale) } } };
  }
  if (err instanceof ZodError) {
    return { status: 400, body: { error: { code: "invalid_request", message: errorMessage(err, locale) } } };
  }
  logError("unexpected error", err);
  return { status: 500, body: { error: { code: "internal_error", message: genericMessage(locale) } } };
}
