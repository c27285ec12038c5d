import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { ZodError } from "zod";
import { DomainError, describeZodError, type TDomainErrorCode } from "@/server/errors";
import type { TContextInner } from "./context";
import { logError } from "@/server/log";

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

export function toTRPCError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof DomainError) return new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
  if (err instanceof ZodError) return new TRPCError({ code: "BAD_REQUEST", message: describeZodError(err), cause: err });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: GENERIC_MESSAGE, cause: err instanceof Error ? err : undefined });
}

export interface TRestError {
  status: number;
  body: { error: { code: string; message: string } };
}

/** The REST error answer `{ error: { code, message } }`; unknown errors are logged here, server side only. */
export function toRestError(err: unknown): TRestError {
  if (err instanceof DomainError) {
    return { status: HTTP_STATUS[err.code], body: { error: { code: err.reason, message: err.message } } };
  }
  if (err instanceof ZodError) {
    return { status: 400, body: { error: { code: "invalid_request", message: describeZodError(err) } } };
  }
  logError("unexpected error", err);
  return { status: 500, body: { error: { code: "internal_error", message: GENERIC_MESSAGE } } };
}
