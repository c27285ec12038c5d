import type { ZodError } from "zod";

/**
 * The only error a service throws. `code` says what kind of failure it is (and so the HTTP status
 * and tRPC code, mapped in one place: `server/api/error-mapping.ts`); `reason` is a stable,
 * machine-readable word for clients (`plan_limit_reached`), and `message` says what happened and,
 * where it can, what to do.
 *
 * When each code is thrown:
 * - BAD_REQUEST: input that passed its schema breaks a rule (a reserved slug, a wrong amount).
 * - UNAUTHORIZED: no valid session, token or signature.
 * - FORBIDDEN: a member of the team lacks the role or plan for the action.
 * - PAYMENT_REQUIRED: the action needs a paid plan.
 * - NOT_FOUND: the thing does not exist or belongs to a team the caller is not in.
 * - CONFLICT: the thing exists already, or its state forbids the action (a closed ticket).
 * - UNPROCESSABLE: a well-formed request whose content cannot be accepted (an amount mismatch).
 * - TOO_MANY_REQUESTS: a rate limit.
 * - BAD_GATEWAY: an outside service (payment backend, Docker) failed or answered nonsense.
 * - SERVICE_UNAVAILABLE: a dependency of ours (the database) is down.
 */
export type TDomainErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "PAYMENT_REQUIRED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNPROCESSABLE"
  | "TOO_MANY_REQUESTS"
  | "BAD_GATEWAY"
  | "SERVICE_UNAVAILABLE";

export class DomainError extends Error {
  readonly code: TDomainErrorCode;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
  /** Figures the caller may read beside the message (e.g. `shortfall_minor`): REST's `error` object and tRPC's `data` carry them. */
  readonly exposed?: Record<string, string | number | boolean | null>;

  constructor(
    code: TDomainErrorCode,
    message: string,
    opts: { reason?: string; details?: Record<string, unknown>; exposed?: Record<string, string | number | boolean | null>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "DomainError";
    this.code = code;
    this.reason = opts.reason ?? code.toLowerCase();
    this.details = opts.details;
    this.exposed = opts.exposed;
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found.`);

/** Neither PAYMENT_BACKEND_URL nor the development sandbox: the app cannot take payments. */
export const paymentsNotConfigured = () =>
  new DomainError("SERVICE_UNAVAILABLE", "Payments are not configured on this server (PAYMENT_BACKEND_URL is not set).", { reason: "payments_not_configured" });

/** Names each failing field: `teamSlug: must be 3 to 40 characters…; name: Required`. */
export function describeZodError(err: ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
}
