import "server-only";
import type { z } from "zod";
import { getDb } from "../db";
import type { Db } from "../db/client";
import { DomainError } from "../errors";
import type { TSessionUser } from "./context";
import { AUTH_REFUSALS, authRefusal, toRestError } from "./error-mapping";
import { bearerToken, resolveCaller } from "./request-auth";
import { env } from "../../env.js";
import { RateLimiter } from "../rate-limit";

const store = globalThis as unknown as { __servelinkRestLimiter?: RateLimiter };
/** REST calls per minute per token (or signed-in user); the ingest token has its own path and no limit. */
function restLimiter(): RateLimiter {
  store.__servelinkRestLimiter ??= new RateLimiter(env.API_RATE_LIMIT_PER_MINUTE, 60_000);
  return store.__servelinkRestLimiter;
}

export interface TRestContext {
  db: Db;
  user: TSessionUser;
}

/** The JSON error answer every REST path gives: `{ error: { code, message } }`. */
export function toErrorResponse(err: unknown): Response {
  const { status, body } = toRestError(err);
  return Response.json(body, { status });
}

/** Parses the query string with `schema` (an object of its parameters); a bad one is a 400 that names the parameter. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}

/** Reads a JSON body and parses it with `schema`; a bad body is a 400 that names the field. */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new DomainError("BAD_REQUEST", "body: must be valid JSON", { reason: "invalid_json" });
  }
  return schema.parse(raw);
}

async function authenticate(req: Request, db: Db): Promise<TSessionUser> {
  const { user, auth } = await resolveCaller(db, req.headers);
  const refusal = authRefusal(auth);
  if (refusal || !user) throw new DomainError("UNAUTHORIZED", refusal?.message ?? AUTH_REFUSALS.unauthenticated, { reason: refusal?.reason ?? "unauthenticated" });
  return user;
}

/**
 * Wraps a REST route handler: authenticates the caller (Bearer token, or the browser session),
 * runs it, and turns any error into the documented JSON answer.
 */
export function withApiAuth<P>(handler: (req: Request, ctx: TRestContext, params: P) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const db = await getDb();
      const user = await authenticate(req, db);
      const wait = restLimiter().hit(`${user.id}:${bearerToken(req.headers)?.slice(0, 12) ?? "session"}`);
      if (wait > 0) {
        const body = { error: { code: "rate_limited", message: `Too many requests: at most ${env.API_RATE_LIMIT_PER_MINUTE} a minute. Try again in ${wait} s.` } };
        return Response.json(body, { status: 429, headers: { "retry-after": String(wait) } });
      }
      return await handler(req, { db, user }, await route.params);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/** JSON with bigints as numbers (exact up to 2^53 bytes, about 9 PB) or, beyond, as strings. */
export function jsonResponse(data: unknown, init?: ResponseInit): Response {
  const body = JSON.stringify(data, (_key, value: unknown) =>
    typeof value === "bigint" ? (value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()) : value,
  );
  const headers = new Headers(init?.headers);
  headers.set("content-type", "application/json");
  return new Response(body, { ...init, headers });
}
