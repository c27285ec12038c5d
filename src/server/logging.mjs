// The console's log (spec 17): JSON lines by pino on stdout, one logger per process, shared by
// server.mjs (the access log) and the app (src/server/log.ts), which Next bundles separately: both
// find the same logger and the same request context on globalThis. Plain JavaScript so that
// `npm start` needs no TypeScript runner.
//
// Rule 13: a log line never holds a token, a token's hash, a secret, a cookie, a message's body or
// an SQL statement's parameters. Errors are logged by describeError, which drops the parameters.
import { AsyncLocalStorage } from "node:async_hooks";
import { format, inspect } from "node:util";
import pino from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * The level from LOG_LEVEL (default `info`); anything else is refused at start (entry-rules.mjs).
 * @param {Record<string, string | undefined>} env
 * @returns {string}
 */
export function logLevel(env) {
  const level = (env.LOG_LEVEL ?? "").trim().toLowerCase();
  return LOG_LEVELS.includes(level) ? level : "info";
}

const LOGGER = Symbol.for("servelink.logger");
const CONTEXT = Symbol.for("servelink.requestContext");

/**
 * @typedef {{ requestId: string, routes: string[] }} TRequestContext
 */

/** @returns {AsyncLocalStorage<TRequestContext>} */
function contextStorage() {
  const g = /** @type {Record<symbol, AsyncLocalStorage<TRequestContext> | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (g[CONTEXT] ??= new AsyncLocalStorage());
}

/**
 * Runs `fn` as the handling of one HTTP request (server.mjs): what it logs carries `request_id`.
 * @template T
 * @param {TRequestContext} context
 * @param {() => T} fn
 * @returns {T}
 */
export function runInRequest(context, fn) {
  return contextStorage().run(context, fn);
}

/** @returns {TRequestContext | undefined} the request being handled, if any. */
export function currentRequest() {
  return contextStorage().getStore();
}

/**
 * Names the route template that answered the current request (`/api/billing/[team]/balance`,
 * `trpc:balance.get`), for its access line; a no-op outside a request.
 * @param {string} route
 */
export function noteRoute(route) {
  const c = currentRequest();
  if (c && !c.routes.includes(route) && c.routes.length < 20) c.routes.push(route);
}

/**
 * A logger writing JSON lines to `destination` (stdout when not given; pino, no transport): the
 * level from LOG_LEVEL, the time in ISO 8601, the level by name, and the current request's id on
 * every line logged while handling one.
 * @param {Record<string, string | undefined>} env
 * @param {import("pino").DestinationStream} [destination]
 * @returns {import("pino").Logger}
 */
export function createLogger(env, destination) {
  /** @type {import("pino").LoggerOptions} */
  const options = {
    level: logLevel(env),
    base: { service: "servelink-console", pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const c = currentRequest();
      return c ? { request_id: c.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The process's logger (createLogger on stdout), one for server.mjs and the app's bundles alike.
 * @returns {import("pino").Logger}
 */
export function getLogger() {
  const g = /** @type {Record<symbol, import("pino").Logger | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (g[LOGGER] ??= createLogger(process.env));
}

/**
 * An error as one text for the log: a failed query by its statement and the database's code and
 * message, never with its parameters (a ticket's text, a new token's hash); other errors by their
 * name, message and stack frames; causes after it.
 * @param {unknown} err
 * @returns {string}
 */
export function describeError(err) {
  const parts = [];
  const seen = new Set();
  for (let e = err; e && !seen.has(e) && parts.length < 4; e = /** @type {{ cause?: unknown }} */ (e).cause) {
    seen.add(e);
    parts.push(describeOne(e));
  }
  return parts.join("\n  caused by: ") || String(err);
}

/** @param {unknown} e */
function describeOne(e) {
  if (!(e instanceof Error)) return typeof e === "string" ? e : "a non-Error value was thrown";
  const x = /** @type {Error & { query?: unknown, params?: unknown, parameters?: unknown, code?: unknown }} */ (e);
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 6)
    .join("\n");
  if (typeof x.query === "string" && ("params" in x || "parameters" in x)) {
    // Drizzle's message repeats the parameters: only the statement is kept.
    return `${e.name}: failed query: ${x.query.replace(/\s+/g, " ").slice(0, 500)} (${paramsCount(x.params ?? x.parameters)} parameters not logged)`;
  }
  const code = typeof x.code === "string" ? ` [${x.code}]` : "";
  const message = e.message.replace(/\nparams: [\s\S]*$/, " (parameters not logged)");
  return `${e.name}${code}: ${message}${frames ? `\n${frames}` : ""}`;
}

/** @param {unknown} p */
function paramsCount(p) {
  return Array.isArray(p) ? p.length : "its";
}

/**
 * What a console call (Next's own, a library's) says, as one log message: errors through
 * describeError, other values shallowly.
 * @param {unknown[]} args
 * @returns {string}
 */
export function consoleMessage(args) {
  const parts = args.map((a) => (a instanceof Error ? describeError(a) : typeof a === "string" ? a : inspect(a, { depth: 2, breakLength: Infinity })));
  // A first argument with %s and the like is a format string for the others.
  const text =
    typeof args[0] === "string" && /%[sdifjoOc%]/.test(args[0]) && !args.some((a) => a instanceof Error)
      ? format(.../** @type {[string, ...unknown[]]} */ (args))
      : parts.join(" ");
  // Colours are for terminals (Next's ✓, better-auth's WARN), not for a log line.
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/**
 * Sends the console's output (Next's own messages, a library's) to the logger, so that every line
 * the process writes is JSON: log and info as `info`, debug as `debug`, warn as `warn`, error as `error`.
 * @param {import("pino").Logger} logger
 */
export function routeConsoleToLogger(logger) {
  const to = (/** @type {"info" | "debug" | "warn" | "error"} */ level) => {
    return (/** @type {unknown[]} */ ...args) => logger[level]({ via: "console" }, consoleMessage(args));
  };
  console.log = to("info");
  console.info = to("info");
  console.debug = to("debug");
  console.warn = to("warn");
  console.error = to("error");
}
