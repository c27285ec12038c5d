/**
 * The server's error log (spec 13: logs never hold tokens, token hashes, secrets, cookies, message
 * bodies or SQL parameters). A failed query is logged by its statement and the database's code and
 * message, never with its parameters (a ticket's text, a new token's hash); other errors by their
 * name, message and stack frames.
 */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && !seen.has(e) && parts.length < 4; e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    parts.push(describeOne(e));
  }
  return parts.join("\n  caused by: ") || String(err);
}

function describeOne(e: unknown): string {
  if (!(e instanceof Error)) return typeof e === "string" ? e : "a non-Error value was thrown";
  const x = e as Error & { query?: unknown; params?: unknown; parameters?: unknown; code?: unknown };
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

function paramsCount(p: unknown): number | string {
  return Array.isArray(p) ? p.length : "its";
}

export function logError(context: string, err: unknown): void {
  console.error(`[servelink] ${context}: ${describeError(err)}`);
}
