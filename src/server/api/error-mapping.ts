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
}

/**
 * The REST error answer `{ error: { code, message } }`, its message in the reader's language
 * (the code never changes); unknown errors are logged here, server side only.
 */
export function toRestError(err: unknown, locale: TLocale = "en"): TRestError {
  if (err instanceof DomainError) {
    return { status: HTTP_STATUS[err.code], body: { error: { ...err.exposed, code: err.reason, message: errorMessage(err, locale) } } };
  }
  if (err instanceof ZodError) {
    return { status: 400, body: { error: { code: "invalid_request", message: errorMessage(err, locale) } } };
  }
  logError("unexpected error", err);
  return { status: 500, body: { error: { code: "internal_error", message: genericMessage(locale) } } };
}
