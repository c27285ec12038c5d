import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/log";
import { DATABASE_RETRY_AFTER_S, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, toRestError, toTRPCError } from "./error-mapping";

afterEach(() => vi.restoreAllMocks());

describe("error mapping", () => {
  it("maps each domain error to its HTTP status and REST body", () => {
    expect(toRestError(new DomainError("NOT_FOUND", "Team not found."))).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "Team not found." } },
    });
    expect(toRestError(new DomainError("UNPROCESSABLE", "Amount mismatch.", { reason: "amount_mismatch" }))).toEqual({
      status: 422,
      body: { error: { code: "amount_mismatch", message: "Amount mismatch." } },
    });
    expect(toRestError(new DomainError("BAD_GATEWAY", "Backend down.")).status).toBe(502);
  });

  it("a zod failure is a 400 naming the field", () => {
    const parsed = z.object({ events: z.array(z.object({ bytes: z.number().int().nonnegative() })) }).safeParse({ events: [{ bytes: -1 }] });
    const { status, body } = toRestError(parsed.error);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^events\.0\.bytes: /);
  });

  it("an unknown error is a 500 with a generic message; the detail is logged on the server only", () => {
    const log = vi.spyOn(logger, "error").mockImplementation(() => {});
    const { status, body } = toRestError(new Error("connection string postgres://secret@db"));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(log).toHaveBeenCalled();
    expect(toTRPCError(new Error("boom")).code).toBe("INTERNAL_SERVER_ERROR");
    expect(toTRPCError(new DomainError("CONFLICT", "Taken.")).code).toBe("CONFLICT");
  });
});

describe("a database outage", () => {
  // The shapes postgres.js and Drizzle give while Postgres is down or restarting (seen against a real server).
  const wrapped = (cause: object) => Object.assign(new Error("Failed query: select 1\nparams: "), { cause });
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  const closed = Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" });
  const shuttingDown = Object.assign(new Error("terminating connection due to administrator command"), { name: "PostgresError", code: "57P01" });
  const startingUp = Object.assign(new Error("the database system is starting up"), { name: "PostgresError", code: "57P03" });

  it("is a 503 database_unavailable with Retry-After, whether the connection was refused, closed or the server is shutting down", () => {
    vi.spyOn(logger, "error").mockImplementation(() => {});
    for (const err of [refused, wrapped(refused), wrapped(closed), shuttingDown, wrapped(startingUp)]) {
      expect(isDatabaseUnavailable(err)).toBe(true);
      const answer = toRestError(err);
      expect(answer.status).toBe(503);
      expect(answer.headers).toEqual({ "retry-after": String(DATABASE_RETRY_AFTER_S) });
      expect(answer.body.error).toEqual({ code: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE });
      expect(JSON.stringify(answer.body)).not.toContain("5432");
      expect(toTRPCError(err).code).toBe("SERVICE_UNAVAILABLE");
    }
    expect(toRestError(wrapped(closed), "fr").body.error.message).toBe(
      `La base de données est injoignable pour le moment ; rien n’a été modifié. Réessayez dans ${DATABASE_RETRY_AFTER_S} s.`,
    );
  });

  it("is not a query's own failure (a constraint, a syntax error), nor an outside service's refusal", () => {
    vi.spyOn(logger, "error").mockImplementation(() => {});
    const unique = Object.assign(new Error("duplicate key value"), { name: "PostgresError", code: "23505" });
    expect(isDatabaseUnavailable(wrapped(unique))).toBe(false);
    expect(toRestError(wrapped(unique)).status).toBe(500);
    const backend = new DomainError("BAD_GATEWAY", "The payment backend cannot be reached.", { reason: "payment_backend_unreachable", cause: refused });
    expect(isDatabaseUnavailable(backend)).toBe(false);
    expect(toRestError(backend).status).toBe(502);
  });
});
