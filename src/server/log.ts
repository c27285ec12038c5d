/**
 * The server's log (spec 17): JSON lines by pino on stdout, the level from LOG_LEVEL, and the
 * current request's `request_id` on every line logged while answering one (server.mjs gives each
 * request its id). The logger, the request context and the error redaction are in logging.mjs,
 * shared with server.mjs.
 *
 * Spec 13: logs never hold tokens, token hashes, secrets, cookies, message bodies or SQL
 * parameters. Log ids, counts, statuses and the like, never a request's body or headers; an error
 * through logError, which logs a failed query by its statement and the database's code and
 * message, never with its parameters (a ticket's text, a new token's hash).
 */
import type { Logger } from "pino";
import { describeError, getLogger } from "./logging.mjs";

// describeError: an error as one text for the log, without a query's parameters; noteRoute: names
// the route template answering the current request, for its access line (a no-op outside a request).
export { describeError, noteRoute } from "./logging.mjs";

export const logger: Logger = getLogger();

/** Logs `err` at level error under `context` (a sentence saying what failed), as `error`: describeError's text. */
export function logError(context: string, err: unknown, fields: Record<string, string | number | boolean> = {}): void {
  logger.error({ ...fields, error: describeError(err) }, context);
}
