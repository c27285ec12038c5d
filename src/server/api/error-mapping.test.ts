import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError } from "@/server/errors";
import { toRestError, toTRPCError } from "./error-mapping";

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
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { status, body } = toRestError(new Error("connection string postgres://secret@db"));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(log).toHaveBeenCalled();
    expect(toTRPCError(new Error("boom")).code).toBe("INTERNAL_SERVER_ERROR");
    expect(toTRPCError(new DomainError("CONFLICT", "Taken.")).code).toBe("CONFLICT");
  });
});
