// The `servelink` command (spec 18.4) as a user runs it: the built bin (npm run build:cli), a child
// process with SERVELINK_URL and SERVELINK_TOKEN, against the live e2e server. Its figures are
// checked against the REST answers of the same moment; the months come from the server's answer,
// never from this machine's calendar.
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createServelinkClient } from "../../src/client";
import { formatBytes } from "../../src/lib/format";
import { signUpOverHttp } from "../fixtures/auth";
import { ALICE, E2E } from "../fixtures/config";
import { ingestHeaders, tokenFor } from "../fixtures/tokens";

const CLI = "dist/cli/servelink.js";
const CSV_HEADER = "day,project_id,project_slug,project_name,traffic_bytes,requests,storage_bytes";

interface TRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bin with only the given SERVELINK_* variables (none from this shell). */
function servelink(args: string[], vars: { SERVELINK_TOKEN?: string; SERVELINK_URL?: string }): Promise<TRun> {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("SERVELINK_")) delete env[key];
  return new Promise((resolve) => {
    execFile("node", [CLI, ...args], { env: { ...env, SERVELINK_URL: E2E.baseURL, ...vars } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function restJson(request: APIRequestContext, url: string, token: string): Promise<unknown> {
  const res = await request.get(url, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

interface TRestMetric {
  bytes: number;
  limit_bytes: number;
  percent: number | null;
  level: string;
}
interface TRestSummary {
  team: { slug: string; name: string };
  period: { month: string };
  totals: { traffic: TRestMetric; storage: TRestMetric };
  projects: { id: string; slug: string; status: string; traffic: TRestMetric; storage: TRestMetric }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test.beforeAll(async () => {
  // The bin as npm install's prepare builds it, from this checkout's sources.
  await promisify(execFile)("npm", ["run", "build:cli"]);
});

test("usage, export and tickets of a team of the test's own: human output and --json agree with the REST answers", async ({ request }) => {
  const { email } = await signUpOverHttp(request, "cli");
  const token = await tokenFor(email);
  const api = createServelinkClient({ url: E2E.baseURL, token, retries: 0 });
  const team = `cli-${Date.now().toString(36)}`;
  await api.teams.create.mutate({ name: "CLI team", slug: team });
  const project = await api.projects.create.mutate({ team, name: "Shop", slug: "shop" });
  const bytes = 123_456_789;
  const ingest = await request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [{ project_id: project.id, bytes }] } });
  expect(await ingest.json()).toEqual({ accepted: 1, rejected: [] });
  const ticket = await api.tickets.create.mutate({ team, subject: "The CLI lists this ticket", description: "Opened by e2e/api/cli.spec.ts." });

  // usage --json: the REST summary of the same month, field for field.
  const rest = (await restJson(request, `/api/usage/${team}/summary`, token)) as TRestSummary;
  const month = rest.period.month;
  expect(rest.totals.traffic.bytes).toBe(bytes);
  const json = await servelink(["usage", team, "--month", month, "--json"], { SERVELINK_TOKEN: token });
  expect(json.stderr).toBe("");
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual(rest);
  // Without --month: the server's current month, the same answer.
  const current = await servelink(["usage", team, "--json"], { SERVELINK_TOKEN: token });
  expect(JSON.parse(current.stdout)).toEqual(rest);

  // usage for a person: each metric's used, limit, percent and level as the API gives them, bytes formatted.
  const human = await servelink(["usage", team, "--month", month], { SERVELINK_TOKEN: token });
  expect(human.code).toBe(0);
  const lines = human.stdout.split("\n");
  expect(lines[0]).toMatch(new RegExp(`^CLI team \\(${team}\\) · Free · ${month} \\(current month, traffic resets \\d{4}-\\d{2}-01 00:00 UTC\\) · level ok$`));
  const metricLine = (name: "traffic" | "storage") => {
    const m = rest.totals[name];
    const percent = m.percent === null ? "–" : `${m.percent}%`;
    return new RegExp(`^${name}\\s+${escape(formatBytes(m.bytes))}\\s+${escape(formatBytes(m.limit_bytes))}\\s+${escape(percent)}\\s+${m.level}$`);
  };
  expect(lines).toContainEqual(expect.stringMatching(/^METRIC\s+USED\s+LIMIT\s+PERCENT\s+LEVEL$/));
  expect(lines).toContainEqual(expect.stringMatching(metricLine("traffic")));
  expect(lines).toContainEqual(expect.stringMatching(metricLine("storage")));
  // 123,456,789 bytes of a 5 GB month: 118 MB, 2.29 % (the API's two decimals).
  expect(rest.totals.traffic.percent).toBe(2.29);
  expect(lines).toContainEqual(expect.stringMatching(/^traffic\s+118 MB\s+5 GB\s+2\.29%\s+ok$/));
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^shop\\s+${rest.projects[0]!.status}\\s+118 MB\\s+0 B$`)));

  // export: the CSV of GET /api/usage/{team}/export, byte for byte, on stdout or into --out.
  const csv = await servelink(["export", team, "--month", month], { SERVELINK_TOKEN: token });
  expect(csv.code).toBe(0);
  const restCsv = await request.get(`/api/usage/${team}/export?month=${month}`, { headers: { authorization: `Bearer ${token}` } });
  expect(csv.stdout).toBe(await restCsv.text());
  const rows = csv.stdout.trimEnd().split("\n");
  expect(rows[0]).toBe(CSV_HEADER);
  expect(rows.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${month}-\\d{2},${project.id},shop,Shop,${bytes},\\d+,0$`))]);
  const out = path.join(await mkdtemp(path.join(tmpdir(), "servelink-cli-")), "usage.csv");
  const written = await servelink(["export", team, "--month", month, "--out", out], { SERVELINK_TOKEN: token });
  expect(written).toEqual({ code: 0, stdout: `1 row of ${month} written to ${out}\n`, stderr: "" });
  expect(await readFile(out, "utf8")).toBe(csv.stdout);

  // tickets: the one opened above, then filtered by status; --json is the REST list.
  const tickets = await servelink(["tickets", team], { SERVELINK_TOKEN: token });
  expect(tickets.code).toBe(0);
  expect(tickets.stdout).toMatch(new RegExp(`^1 ticket in ${team}:\n\nID\\s+STATUS\\s+PRIORITY\\s+SLA\\s+UPDATED\\s+SUBJECT\n`));
  expect(tickets.stdout).toMatch(new RegExp(`\n${ticket.ticket_id}\\s+open\\s+normal\\s+pending\\s+${month}-\\d{2}\\s+The CLI lists this ticket\n$`));
  expect(await servelink(["tickets", team, "--status", "closed"], { SERVELINK_TOKEN: token })).toEqual({
    code: 0,
    stdout: `No tickets in ${team} with status closed.\n`,
    stderr: "",
  });
  const ticketsJson = await servelink(["tickets", team, "--status", "open", "--json"], { SERVELINK_TOKEN: token });
  const restTickets = (await restJson(request, `/api/support/${team}/tickets?status=open`, token)) as { tickets: { sla: Record<string, unknown> }[] };
  // minutes_left counts down between the two reads.
  const steady = (list: { tickets: { sla: Record<string, unknown> }[] }) => list.tickets.map((t) => ({ ...t, sla: { ...t.sla, minutes_left: 0 } }));
  const fromCli = JSON.parse(ticketsJson.stdout) as { tickets: { id: string; sla: Record<string, unknown> }[] };
  expect(fromCli.tickets.map((t) => t.id)).toEqual([ticket.ticket_id]);
  expect(steady(fromCli)).toEqual(steady(restTickets));
});

test("a seeded month's export of the demo team is the REST export, every row", async ({ request }) => {
  const token = await tokenFor(ALICE);
  const { period } = (await restJson(request, "/api/usage/acme/summary", token)) as TRestSummary;
  // The month before the server's: complete, so no ingest of another test changes it meanwhile.
  const [year, mm] = period.month.split("-").map(Number) as [number, number];
  const previous = mm === 1 ? `${year - 1}-12` : `${year}-${String(mm - 1).padStart(2, "0")}`;
  const csv = await servelink(["export", "acme", "--month", previous], { SERVELINK_TOKEN: token });
  expect(csv.stderr).toBe("");
  expect(csv.code).toBe(0);
  const rest = await request.get(`/api/usage/acme/export?month=${previous}`, { headers: { authorization: `Bearer ${token}` } });
  expect(csv.stdout).toBe(await rest.text());
  const rows = csv.stdout.trimEnd().split("\n");
  expect(rows[0]).toBe(CSV_HEADER);
  expect(rows.length).toBeGreaterThan(20);
  for (const row of rows.slice(1)) expect(row).toMatch(new RegExp(`^${previous}-\\d{2},prj_\\w+,[\\w-]+,[^,]+,\\d+,\\d+,\\d+$`));
});

test("refusals: a bad token exits 3, an unknown team 1 with its code, a usage error 2, each with one line on stderr and the token never shown", async () => {
  const oneLine = /^servelink: [A-Z_]+( \([a-z_]+\))?: [^\n]+\n$/;
  const bad = "pat_notarealtoken0123456789abcdef";
  for (const args of [
    ["usage", "acme"],
    ["export", "acme", "--month", "2026-01"],
    ["tickets", "acme"],
  ]) {
    const refused = await servelink(args, { SERVELINK_TOKEN: bad });
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(oneLine);
    expect(refused.stderr).toMatch(/^servelink: UNAUTHORIZED/);
    expect(refused.stderr).not.toContain(bad);
  }
  expect(await servelink(["usage", "acme"], {})).toEqual({
    code: 3,
    stdout: "",
    stderr: "servelink: UNAUTHORIZED: SERVELINK_TOKEN is not set: give a personal API token (pat_…)\n",
  });

  const alice = await tokenFor(ALICE);
  // Bob's team and one that does not exist read alike: NOT_FOUND.
  for (const args of [
    ["usage", "no-such-team-cli"],
    ["tickets", "hobby"],
    ["export", "hobby", "--month", "2026-01"],
  ]) {
    expect(await servelink(args, { SERVELINK_TOKEN: alice })).toEqual({ code: 1, stdout: "", stderr: "servelink: NOT_FOUND: Team not found.\n" });
  }
  // An endpoint acme does not have: POST /api/webhooks/{team}/endpoints/{id}/test answers a JSON
  // 404 not_found, which the command reports as it reports any refusal.
  const webhook = await servelink(["webhooks", "test", "acme", "whe_nothing"], { SERVELINK_TOKEN: alice });
  expect(webhook).toEqual({ code: 1, stdout: "", stderr: "servelink: NOT_FOUND: Webhook endpoint not found.\n" });

  // Usage errors: nothing asked of the server, exit 2, one line naming the command's help.
  for (const [args, message] of [
    [["usage"], "missing <team> (see servelink usage --help)"],
    [["export", "acme"], "--month YYYY-MM is required (see servelink export --help)"],
    [["usage", "acme", "--month", "2026-13"], `--month must be YYYY-MM (e.g. 2026-03), not "2026-13" (see servelink usage --help)`],
    [
      ["tickets", "acme", "--status", "pending"],
      `--status must be one of open, in_progress, waiting, resolved, closed, not "pending" (see servelink tickets --help)`,
    ],
    [["usage", "acme", "--jsn"], "Unknown option '--jsn' (see servelink usage --help)"],
    [["deploy", "acme"], `unknown command "deploy" (see servelink --help)`],
  ] as const) {
    expect(await servelink([...args], { SERVELINK_TOKEN: alice })).toEqual({ code: 2, stdout: "", stderr: `servelink: USAGE: ${message}\n` });
  }

  // --help, in general and per command, needs no token.
  const help = await servelink(["--help"], {});
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("servelink usage <team> [--month YYYY-MM] [--json]");
  expect(help.stdout).toContain("Exit codes: 0 done, 1 the API refused (one line on stderr with its code), 2 a usage error, 3 not authenticated.");
  for (const [args, first] of [
    [["usage", "--help"], "servelink usage <team> [--month YYYY-MM] [--json]"],
    [["export", "-h"], "servelink export <team> --month YYYY-MM [--out FILE]"],
    [["help", "tickets"], "servelink tickets <team> [--status STATUS] [--json]"],
    [["webhooks", "test", "--help"], "servelink webhooks test <team> <endpoint-id> [--json]"],
  ] as const) {
    const shown = await servelink([...args], {});
    expect(shown.code).toBe(0);
    expect(shown.stdout.split("\n")[0]).toBe(first);
  }
});
