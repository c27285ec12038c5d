import { isStaff } from "@/lib/roles";
import { TRPCError, initTRPC } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z, ZodError } from "zod";
import type { TTeamRole } from "@/lib/roles";
import { DomainError, describeZodError } from "@/server/errors";

import { assertTeamRole, getTeamAccess, type TTeamAccess } from "@/server/services/teams/teams";
import type { TContextInner } from "./context";
import { apiTransformer } from "./transformer";
import { CROSS_SITE_MESSAGE } from "./cross-site";
import { findNulField, NUL_MESSAGE } from "@/lib/text-rules";
import { AUTH_REFUSALS, GENERIC_MESSAGE, authRefusal, genericMessage, isDatabaseUnavailable, toTRPCError } from "./error-mapping";
import { LOCALES } from "@/lib/locales";
import { observeRequest } from "@/server/metrics";

/** The generic answer of a crash in each language: the only message of a 500 that reaches a client. */
const GENERIC_MESSAGES: readonly string[] = LOCALES.map(genericMessage);

const t = initTRPC.context<TContextInner>().create({
  transformer: apiTransformer,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const message =
      cause instanceof ZodError
        ? describeZodError(cause)
        : error.code === "INTERNAL_SERVER_ERROR" && !(cause instanceof DomainError)
          ? GENERIC_MESSAGES.includes(shape.message)
            ? shape.message
            : GENERIC_MESSAGE
          : shape.message;
    const reason = cause instanceof DomainError ? cause.reason : undefined;
    // No stack ever reaches a client, in development either.
    const exposed = cause instanceof DomainError ? cause.exposed : undefined;
    return { ...shape, message, data: { ...exposed, code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, reason } };
  },
});

/**
 * Turns DomainErrors thrown by services into their tRPC codes, their messages in the reader's
 * language (spec 14.6); anything unknown stays a 500 with the generic message.
 */
const errorMapping = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError || cause instanceof ZodError || isDatabaseUnavailable(cause)) throw toTRPCError(cause, await ctx.locale());
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: genericMessage(await ctx.locale()), cause: cause ?? result.error });
    }
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Spec 13: no text input holds a NUL character (a 400 naming the field), checked before any parser. */
const noNulInput = t.middleware(async ({ getRawInput, next }) => {
  const field = findNulField(await getRawInput());
  if (field) throw new DomainError("BAD_REQUEST", `${field}: ${NUL_MESSAGE}`, { reason: "invalid_request" });
  return next();
});

/** The contexts made for an HTTP request (the route marks them): in-process calls from pages are not HTTP requests. */
const httpContexts = new WeakSet<object>();
export function markHttpContext<C extends object>(ctx: C): C {
  httpContexts.add(ctx);
  return ctx;
}

/** Times each procedure called over HTTP, as `trpc:<path>` with the status its error maps to (spec 17). */
const timing = t.middleware(async ({ ctx, path, type, next }) => {
  if (!httpContexts.has(ctx)) return next();
  const started = performance.now();
  const result = await next();
  const status = result.ok ? 200 : getHTTPStatusCodeFromError(result.error);
  observeRequest(`trpc:${path}`, type === "query" ? "GET" : "POST", status, (performance.now() - started) / 1000);
  return result;
});

export const publicProcedure = t.procedure.use(timing).use(errorMapping).use(noNulInput);

/** A signed-in caller's refusals before any count: not signed in (401), a cross-site change (403). */
function assertCaller(ctx: TContextInner, type: string): asserts ctx is TContextInner & { user: NonNullable<TContextInner["user"]> } {
  const refusal = authRefusal(ctx.auth);
  if (refusal || !ctx.user) {
    throw new DomainError("UNAUTHORIZED", refusal?.message ?? AUTH_REFUSALS.unauthenticated, { reason: refusal?.reason ?? "unauthenticated" });
  }
  if (type === "mutation" && ctx.isCrossSite) throw new DomainError("FORBIDDEN", CROSS_SITE_MESSAGE, { reason: "cross_site_request" });
}

function assertWithinLimit(wait: number): void {
  if (wait > 0) throw new DomainError("TOO_MANY_REQUESTS", `Too many requests: try again in ${wait} s.`, { reason: "rate_limited" });
}

/**
 * A signed-in user (session or API token); `ctx.user` is non-null. Each call counts against the
 * user's tRPC budget, and a change made with the session cookie from another site is refused
 * (spec 13).
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next, type }) => {
  assertCaller(ctx, type);
  assertWithinLimit(await ctx.rateLimit(ctx.user.id));
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const ZTeamInputSchema = z.object({ team: z.string().trim().min(1, "team: give a team slug or id").max(100) });

/**
 * A team-scoped procedure: `input.team` (slug or id) is resolved for the caller, who must be a
 * member with at least `minRole`; a non-member gets NOT_FOUND. `ctx.access` carries the team.
 * `action` names what a lesser role is refused ("Only the team's owners and admins may make payments.").
 * The checks and their order are protectedProcedure's, then the team's: 401/403, the count (429),
 * the input (400), the team (404/403). The team is read while the call is being counted (one round
 * trip instead of two); its answer is used only once the count has let the call through.
 */
export function teamProcedure(minRole: TTeamRole = "member", opts: { allowSupport?: boolean; action?: string } = {}) {
  type TCallerContext = TContextInner & { user: NonNullable<TContextInner["user"]> };
  const read = (ctx: TCallerContext, teamRef: string, type: string): Promise<TTeamAccess> => {
    const fresh = () => getTeamAccess(ctx.db, { teamRef, userId: ctx.user.id, globalRole: ctx.user.role, allowSupport: opts.allowSupport });
    // Reads of one request share the team check; a change always checks afresh.
    if (type !== "query") return fresh();
    const key = `${opts.allowSupport ? "support" : "members"}:${teamRef.toLowerCase()}`;
    const pending = ctx.teamAccessReads.get(key) ?? fresh();
    ctx.teamAccessReads.set(key, pending);
    return pending;
  };
  return publicProcedure
    .use(async ({ ctx, next, type, getRawInput }) => {
      assertCaller(ctx, type);
      const parsed = ZTeamInputSchema.safeParse(await getRawInput());
      const early = parsed.success ? read(ctx, parsed.data.team, type) : null;
      // Not awaited when the count refuses the call: its failure must not go unhandled.
      early?.catch(() => {});
      assertWithinLimit(await ctx.rateLimit(ctx.user.id));
      return next({ ctx: { ...ctx, user: ctx.user, earlyAccess: early } });
    })
    .input(ZTeamInputSchema)
    .use(async ({ ctx, input, next, type }) => {
      // earlyAccess is null only when the input did not parse, which .input() has refused (400)
      // before this point: the fresh read is a guard should the two schemas ever differ.
      const access = await (ctx.earlyAccess ?? read(ctx, input.team, type));
      if (access.role !== null || minRole !== "member") assertTeamRole(access, minRole, opts.action ?? "do this");
      return next({ ctx: { ...ctx, access } });
    });
}

/** Support staff and admins only; anyone else gets NOT_FOUND, as if the console did not exist. */
export const staffProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isStaff(ctx.user.role)) {
    throw new DomainError("NOT_FOUND", "Not found.");
  }
  return next({ ctx });
});
