/**
 * The `servelink` command (spec 18.4), on the typed client: its arguments, its output and its exit
 * codes. `runCli` takes everything from the outside (arguments, environment, output, fetch), so the
 * tests run it in-process; `servelink.ts` is the bin that hands it the real ones.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createServelinkClient, ServelinkRestError, toServelinkError, type ServelinkError, type TServelinkOutputs } from "../client";
import { formatBytes } from "@/lib/format";
import { TICKET_STATUSES, type TTicketStatus } from "@/lib/support";

/** 0 done, 1 the API refused (its code on stderr), 2 a usage error, 3 not authenticated. */
export const EXIT = { ok: 0, refused: 1, usage: 2, unauthenticated: 3 } as const;

export const DEFAULT_URL = "http://localhost:3000";

export type TCommand =
  | { kind: "help"; topic: THelpTopic }
  | { kind: "usage"; team: string; month?: string; json: boolean }
  | { kind: "export"; team: string; month: string; out?: string }
  | { kind: "tickets"; team: string; status?: TTicketStatus; json: boolean }
  | { kind: "webhooks-test"; team: string; endpoint: string; json: boolean };

export type THelpTopic = "servelink" | "usage" | "export" | "tickets" | "webhooks" | "webhooks test";

/** A command line that does not say what to do: exit code 2, the message on stderr. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly topic: THelpTopic = "servelink",
  ) {
    super(message);
    this.name = "UsageError";
  }
}

const ENVIRONMENT = `Environment:
  SERVELINK_URL    the console's address (default ${DEFAULT_URL})
  SERVELINK_TOKEN  a personal API token (pat_…), created in Settings or with \`npm run token -- <email>\``;

const EXIT_CODES = `Exit codes: 0 done, 1 the API refused (one line on stderr with its code), 2 a usage error, 3 not authenticated.`;

export const HELP: Record<THelpTopic, string> = {
  servelink: `servelink – the Servelink console from the command line.

Usage:
  servelink usage <team> [--month YYYY-MM] [--json]      a month's usage per metric and project
  servelink export <team> --month YYYY-MM [--out FILE]   the month's daily rows as CSV
  servelink tickets <team> [--status STATUS] [--json]    the team's support tickets
  servelink webhooks test <team> <endpoint-id> [--json]  send a test event to a webhook endpoint
  servelink help [command]                               this text, or a command's (also <command> --help)

<team> is the team's slug or id. --json prints the API's JSON answer (as its REST path gives it).

${ENVIRONMENT}

${EXIT_CODES}`,
  usage: `servelink usage <team> [--month YYYY-MM] [--json]

The team's usage for a UTC month (default: the current one): traffic and storage, used, limit and
percent of the effective limit (plan and add-ons), with their level; then each project's figures.
--json prints the answer of GET /api/usage/{team}/summary.

${ENVIRONMENT}

${EXIT_CODES}`,
  export: `servelink export <team> --month YYYY-MM [--out FILE]

The month's daily usage rows (one per project and day) as CSV, on stdout or into FILE; the same
bytes as GET /api/usage/{team}/export?month=YYYY-MM.

${ENVIRONMENT}

${EXIT_CODES}`,
  tickets: `servelink tickets <team> [--status STATUS] [--json]

The team's support tickets, newest activity first: id, status, priority, SLA state, last update and
subject. STATUS is one of ${TICKET_STATUSES.join(", ")} (default: every status).
--json prints the answer of GET /api/support/{team}/tickets.

${ENVIRONMENT}

${EXIT_CODES}`,
  webhooks: `servelink webhooks test <team> <endpoint-id> [--json]

Webhook endpoints (spec 18.1). \`test\` sends a test event to one of the team's endpoints
(owners and admins), by POST /api/webhooks/{team}/endpoints/{id}/test.

${ENVIRONMENT}

${EXIT_CODES}`,
  "webhooks test": `servelink webhooks test <team> <endpoint-id> [--json]

Sends a test event to one of the team's webhook endpoints (owners and admins), by
POST /api/webhooks/{team}/endpoints/{id}/test; --json prints its answer.

${ENVIRONMENT}

${EXIT_CODES}`,
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TOPICS = new Set<string>(Object.keys(HELP));

type TOptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** What parseArgs read; each command declares only the options it takes, so the others stay undefined. */
interface TParsed {
  values: { help?: boolean; json?: boolean; month?: string; out?: string; status?: string };
  positionals: string[];
}

/** parseArgs, its refusals (an unknown option, a missing value) as usage errors of the command. */
function parse(args: string[], options: TOptionSpec, topic: THelpTopic): TParsed {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true }) as TParsed;
  } catch (err) {
    // Node's messages end with a hint about "--" for positionals that look like options: one line is enough.
    const message = (err instanceof Error ? err.message : String(err)).split(/\.\s/)[0]!.replace(/\.$/, "");
    throw new UsageError(message, topic);
  }
}

function positionals(given: string[], names: string[], topic: THelpTopic): string[] {
  if (given.length < names.length) throw new UsageError(`missing <${names[given.length]}>`, topic);
  if (given.length > names.length) throw new UsageError(`unexpected argument "${given[names.length]}"`, topic);
  for (const [i, value] of given.entries()) if (value.trim() === "") throw new UsageError(`<${names[i]}> must not be empty`, topic);
  return given;
}

function month(value: string | undefined, topic: THelpTopic): string | undefined {
  if (value !== undefined && !MONTH.test(value)) throw new UsageError(`--month must be YYYY-MM (e.g. 2026-03), not "${value}"`, topic);
  return value;
}

/** What the arguments (without `node` and the script) ask for; a `UsageError` when they do not say. */
export function parseCommand(argv: readonly string[]): TCommand {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("no command given");
  if (first === "--help" || first === "-h") return { kind: "help", topic: "servelink" };
  if (first === "help") {
    const topic = rest.join(" ");
    if (topic === "") return { kind: "help", topic: "servelink" };
    if (!TOPICS.has(topic) || topic === "servelink") throw new UsageError(`no help on "${topic}": the commands are usage, export, tickets, webhooks test`);
    return { kind: "help", topic: topic as THelpTopic };
  }
  switch (first) {
    case "usage": {
      const { values, positionals: given } = parse(rest, { month: { type: "string" }, json: { type: "boolean" } }, "usage");
      if (values.help) return { kind: "help", topic: "usage" };
      const [team] = positionals(given, ["team"], "usage");
      return { kind: "usage", team: team!, month: month(values.month, "usage"), json: values.json === true };
    }
    case "export": {
      const { values, positionals: given } = parse(rest, { month: { type: "string" }, out: { type: "string", short: "o" } }, "export");
      if (values.help) return { kind: "help", topic: "export" };
      const [team] = positionals(given, ["team"], "export");
      if (values.month === undefined) throw new UsageError("--month YYYY-MM is required", "export");
      if (values.out !== undefined && values.out.trim() === "") throw new UsageError("--out must name a file", "export");
      return { kind: "export", team: team!, month: month(values.month, "export")!, out: values.out };
    }
    case "tickets": {
      const { values, positionals: given } = parse(rest, { status: { type: "string" }, json: { type: "boolean" } }, "tickets");
      if (values.help) return { kind: "help", topic: "tickets" };
      const [team] = positionals(given, ["team"], "tickets");
      const status = values.status;
      if (status !== undefined && !(TICKET_STATUSES as readonly string[]).includes(status)) {
        throw new UsageError(`--status must be one of ${TICKET_STATUSES.join(", ")}, not "${status}"`, "tickets");
      }
      return { kind: "tickets", team: team!, status: status as TTicketStatus | undefined, json: values.json === true };
    }
    case "webhooks": {
      const [sub, ...args] = rest;
      if (sub === undefined || sub === "--help" || sub === "-h") {
        if (sub === undefined) throw new UsageError("missing a webhooks command: test", "webhooks");
        return { kind: "help", topic: "webhooks" };
      }
      if (sub !== "test") throw new UsageError(`unknown webhooks command "${sub}": the one there is is test`, "webhooks");
      const { values, positionals: given } = parse(args, { json: { type: "boolean" } }, "webhooks test");
      if (values.help) return { kind: "help", topic: "webhooks test" };
      const [team, endpoint] = positionals(given, ["team", "endpoint-id"], "webhooks test");
      return { kind: "webhooks-test", team: team!, endpoint: endpoint!, json: values.json === true };
    }
    default:
      throw new UsageError(first.startsWith("-") ? `unknown option "${first}" before a command` : `unknown command "${first}"`);
  }
}

export interface TCliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch?: typeof fetch;
  /** Retries of a query after a network error or a 5xx/429 (the client's default, 2, when not given). */
  retries?: number;
  writeFile?: (path: string, data: string) => Promise<void>;
}

/** The API's JSON, as its REST paths write it: bigints as numbers (as strings past 2^53), dates in ISO 8601. */
export function toApiJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v), 2)}\n`;
}

/** Rows as columns, left-aligned, two spaces apart; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}

type TSummary = TServelinkOutputs["usage"]["summary"];
type TMetric = TSummary["totals"]["traffic"];

export function formatPercent(percent: number | null): string {
  if (percent === null) return "–";
  if (!Number.isFinite(percent)) return "∞";
  return `${percent}%`;
}

function metricRow(name: string, m: TMetric): string[] {
  return [name, formatBytes(m.bytes), m.limit_bytes < 0n ? "unlimited" : formatBytes(m.limit_bytes), formatPercent(m.percent), m.level];
}

const PLAN_NAMES: Record<string, string> = { free: "Free", pay_as_you_go: "Pro" };

/** `servelink usage` for a person: the team and month, each metric's used/limit/percent/level, then the projects. */
export function formatUsage(s: TSummary): string {
  const resets = s.period.traffic_resets_at.toISOString().slice(0, 16).replace("T", " ");
  const when = s.period.is_current ? `current month, traffic resets ${resets} UTC` : `${s.period.first_day} to ${s.period.last_day}`;
  let out = `${s.team.name} (${s.team.slug}) · ${PLAN_NAMES[s.team.plan] ?? s.team.plan} · ${s.period.month} (${when}) · level ${s.level}\n\n`;
  out += table([["METRIC", "USED", "LIMIT", "PERCENT", "LEVEL"], metricRow("traffic", s.totals.traffic), metricRow("storage", s.totals.storage)]);
  if (s.projects.length === 0) return `${out}\nNo projects.\n`;
  out += "\n";
  out += table([
    ["PROJECT", "STATUS", "TRAFFIC", "STORAGE"],
    ...s.projects.map((p) => [p.slug, p.status, formatBytes(p.traffic.bytes), formatBytes(p.storage.bytes)]),
  ]);
  return out;
}

type TTicket = TServelinkOutputs["tickets"]["list"][number];

export function formatTickets(team: string, tickets: TTicket[], status?: string): string {
  const which = status ? ` with status ${status}` : "";
  if (tickets.length === 0) return `No tickets in ${team}${which}.\n`;
  const head = `${tickets.length} ticket${tickets.length === 1 ? "" : "s"} in ${team}${which}:\n\n`;
  return (
    head +
    table([
      ["ID", "STATUS", "PRIORITY", "SLA", "UPDATED", "SUBJECT"],
      ...tickets.map((t) => [t.id, t.status, t.priority, t.sla.state, t.updated_at.toISOString().slice(0, 10), t.subject]),
    ])
  );
}

/** One line: no newline of a server's message reaches the terminal as a second line, and never the token. */
export function errorLine(e: Pick<ServelinkError, "code" | "reason" | "message">, token?: string): string {
  let line = `servelink: ${e.code}${e.reason && e.reason.toUpperCase() !== e.code ? ` (${e.reason})` : ""}: ${e.message}`.replace(/\s*[\r\n]+\s*/g, " ");
  if (token) line = line.split(token).join("pat_…");
  return `${line}\n`;
}

export function exitCodeOf(e: Pick<ServelinkError, "code">): number {
  return e.code === "UNAUTHORIZED" ? EXIT.unauthenticated : EXIT.refused;
}

/**
 * A POST to a REST path (the webhook test event, as the help documents it; tRPC's webhooks.sendTest
 * does the same), refused as `fetchDocumentPdf` refuses, without its retries: a POST is not repeated.
 */
async function postRest(opts: { url: string; token: string; fetch?: typeof fetch }, path: string): Promise<unknown> {
  const res = await (opts.fetch ?? fetch)(new URL(path, opts.url), {
    method: "POST",
    headers: { authorization: `Bearer ${opts.token}`, accept: "application/json", "content-type": "application/json" },
    body: "{}",
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (res.ok) return body;
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const message =
    typeof error?.message === "string" ? error.message : `POST ${path}: HTTP ${res.status}${res.status === 404 ? " (no such path or endpoint)" : ""}`;
  throw new ServelinkRestError(res.status, typeof error?.code === "string" ? error.code : null, message);
}

/** Runs one command line; resolves to its exit code (it never throws). */
export async function runCli(argv: readonly string[], io: TCliIo): Promise<number> {
  let command: TCommand;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const help = err.topic === "servelink" ? "servelink --help" : `servelink ${err.topic} --help`;
    io.stderr(`servelink: USAGE: ${err.message} (see ${help})\n`);
    return EXIT.usage;
  }
  if (command.kind === "help") {
    io.stdout(`${HELP[command.topic]}\n`);
    return EXIT.ok;
  }

  const url = io.env.SERVELINK_URL?.trim() || DEFAULT_URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http");
  } catch {
    io.stderr(`servelink: USAGE: SERVELINK_URL must be an http:// or https:// address, not "${url}"\n`);
    return EXIT.usage;
  }
  const token = io.env.SERVELINK_TOKEN?.trim() ?? "";
  if (token === "") {
    io.stderr("servelink: UNAUTHORIZED: SERVELINK_TOKEN is not set: give a personal API token (pat_…)\n");
    return EXIT.unauthenticated;
  }

  const opts = { url, token, fetch: io.fetch, retries: io.retries };
  const api = createServelinkClient(opts);
  try {
    switch (command.kind) {
      case "usage": {
        const summary = await api.usage.summary.query({ team: command.team, month: command.month });
        io.stdout(command.json ? toApiJson(summary) : formatUsage(summary));
        break;
      }
      case "export": {
        const { csv } = await api.usage.exportCsv.query({ team: command.team, month: command.month });
        if (command.out === undefined) io.stdout(csv);
        else {
          await (io.writeFile ?? ((path, data) => writeFile(path, data)))(command.out, csv);
          const rows = Math.max(0, csv.split("\n").filter((line) => line !== "").length - 1);
          io.stdout(`${rows} row${rows === 1 ? "" : "s"} of ${command.month} written to ${command.out}\n`);
        }
        break;
      }
      case "tickets": {
        const tickets = await api.tickets.list.query({ team: command.team, status: command.status });
        io.stdout(command.json ? toApiJson({ tickets }) : formatTickets(command.team, tickets, command.status));
        break;
      }
      case "webhooks-test": {
        const path = `/api/webhooks/${encodeURIComponent(command.team)}/endpoints/${encodeURIComponent(command.endpoint)}/test`;
        const answer = await postRest(opts, path);
        io.stdout(command.json ? toApiJson(answer) : `Test event sent to endpoint ${command.endpoint} of ${command.team}.\n`);
        break;
      }
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof Error && "code" in err && typeof err.code === "string" && err.code.startsWith("E") && "path" in err) {
      // A file that could not be written (--out): the command's own failure, not the API's.
      io.stderr(errorLine({ code: "FILE_ERROR", reason: null, message: err.message }, token));
      return EXIT.refused;
    }
    const e = toServelinkError(err);
    const shown = e.code === "NETWORK_ERROR" || e.code === "UNKNOWN" ? { ...e, message: `${url}: ${e.message}` } : e;
    io.stderr(errorLine(shown, token));
    return exitCodeOf(e);
  }
}
