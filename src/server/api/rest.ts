import "server-only";
import type { z } from "zod";
import { getDb } from "@/server/db-config";
import type { Db } from "@/server/db/client";
import { DomainError } from "@/server/errors";
import type { TSessionUser } from "./context";
import { AUTH_REFUSALS, authRefusal, toRestError } from "./error-mapping";
import { resolveCaller, type TCaller } from "./request-auth";
import { localizeErrorMessage } from "./localized-errors";
import { resolveRequestLocale } from "./request-locale";
import type { TLocale } from "@/lib/locales";
import { getTeamAccess, type TTeamAccess } from "@/server/services/teams/teams";
import { CROSS_SITE_MESSAGE, isSafeMethod, isSameOriginJson } from "./cross-site";
import { clock } from "@/lib/clock";
import { findUnknownKey } from "@/lib/strict-keys";
import { findNulField, NUL_MESSAGE } from "@/lib/text-rules";
import { env } from "@/env.js";
import { limiter } from "@/server/limits-config";
import { restRouteTemplate, timeRequest } from "@/server/metrics";

/** REST calls per minute per user (spec 13: a user's tokens and session share one budget); ingest has its own path and no limit. */

export interface TRestContext {
  db: Db;
  user: TSessionUser;
  /** The request's instant (spec 13, one clock). */
  now: Date;
}

/** The JSON error answer every REST path gives: `{ error: { code, message } }`, the message in `locale` (spec 14.6). */
export function toErrorResponse(err: unknown, locale: TLocale = "en"): Response {
  const { status, body, headers } = toRestError(err, locale);
  return Response.json(body, { status, headers });
}

const badField = (field: string, message: string) => new DomainError("BAD_REQUEST", `${field}: ${message}`, { reason: "invalid_request" });

/** Spec 13: no text input or path parameter holds a NUL character (a 400 naming it). */
export function assertNoNul(value: unknown, prefix?: string): void {
  const field = findNulField(value);
  if (field) throw badField(prefix ? (field === "body" ? prefix : `${prefix}.${field}`) : field, NUL_MESSAGE);
}

/** Parses the query string with `schema` (an object of its parameters); a bad one is a 400 that names the parameter. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  assertNoNul(query);
  return schema.parse(query);
}

/**
 * Parses a JSON body's text with `schema`; a bad body is a 400 that names the field. Strict
 * (spec 13): a key the schema does not know is a 400 naming it, never silently dropped; no text
 * holds a NUL character (looked for in the text first: a 10,000-event batch is not walked for it).
 */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DomainError("BAD_REQUEST", "body: must be valid JSON", { reason: "invalid_json" });
  }
  if (text.includes("\\u0000") || text.includes("\u0000")) assertNoNul(raw);
  const unknownKey = findUnknownKey(schema, raw);
  if (unknownKey) throw badField(unknownKey, "is not a field of this request");
  return schema.parse(raw);
}

/** Reads a JSON body and parses it with `schema` (see parseJsonText). */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseJsonText(await req.text(), schema);
}

/**
 * Wraps a REST route handler: authenticates the caller (Bearer token, or the browser session),
 * refuses a cookie-authenticated change from another site (spec 13), counts the call against the
 * user's budget, checks the path parameters, runs it, and turns any error into the documented JSON answer,
 * timed for the metrics (spec 17).
 */
export function withApiAuth<P>(handler: (req: Request, ctx: TRestContext, params: P) => Promise<Response>) {
  const answer = async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    let db: Db | null = null;
    let caller: TCaller | null = null;
    // The reader's language of an error answer: Accept-Language first for a token, the account's choice for a session.
    const locale = () => resolveRequestLocale(db, { headers: req.headers, auth: caller?.auth ?? "none", userId: caller?.user?.id });
    try {
      db = await getDb();
      caller = await resolveCaller(db, req.headers);
      const { user, auth } = caller;
      const refusal = authRefusal(auth);
      if (refusal || !user)
        throw new DomainError("UNAUTHORIZED", refusal?.message ?? AUTH_REFUSALS.unauthenticated, { reason: refusal?.reason ?? "unauthenticated" });
      if (auth === "session" && !isSafeMethod(req.method) && !isSameOriginJson(req.headers, env.BASE_URL)) {
        throw new DomainError("FORBIDDEN", CROSS_SITE_MESSAGE, { reason: "cross_site_request" });
      }
      const wait = await (await limiter("rest")).hit(user.id);
      if (wait > 0) {
        const message = `Too many requests: at most ${env.API_RATE_LIMIT_PER_MINUTE} a minute. Try again in ${wait} s.`;
        const body = { error: { code: "rate_limited", message: localizeErrorMessage({ reason: "rate_limited", message }, await locale()) } };
        return Response.json(body, { status: 429, headers: { "retry-after": String(wait) } });
      }
      const params = await route.params;
      assertNoNul(params);
      return await handler(req, { db, user, now: clock.now() }, params);
    } catch (err) {
      return toErrorResponse(err, await locale());
    }
  };
  // Timed by the route's template, rebuilt from Next's parameters: no slug or id reaches a label.
  return (req: Request, route: { params: Promise<P> }): Promise<Response> =>
    timeRequest(
      async () => restRouteTemplate(new URL(req.url).pathname, await route.params),
      req,
      () => answer(req, route),
    );
}

/**
 * A team-scoped REST handler (`{team}` in its path, slug or id): `withApiAuth`, then the caller's
 * access to that team (another team's is a 404, as if it did not exist); staff reach any team where
 * `allowSupport` is set. Role rules stay with the services (assertTeamRole), as on tRPC.
 */
export function withTeamAccess<P extends { team: string }>(
  handler: (req: Request, ctx: TRestContext & { access: TTeamAccess }, params: P) => Promise<Response>,
  opts: { allowSupport?: boolean } = {},
) {
  return withApiAuth<P>(async (req, ctx, params) => {
    const access = await getTeamAccess(ctx.db, { teamRef: params.team, userId: ctx.user.id, globalRole: ctx.user.role, allowSupport: opts.allowSupport });
    return handler(req, { ...ctx, access }, params);
  });
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
