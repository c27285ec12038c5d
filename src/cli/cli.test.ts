import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { EXIT, errorLine, formatPercent, parseCommand, runCli, table, toApiJson, UsageError, type TCliIo } from "./cli";

describe("parseCommand", () => {
  it("reads each command, its positionals and options", () => {
    expect(parseCommand(["usage", "acme"])).toEqual({ kind: "usage", team: "acme", month: undefined, json: false });
    expect(parseCommand(["usage", "acme", "--month", "2026-02", "--json"])).toEqual({ kind: "usage", team: "acme", month: "2026-02", json: true });
    expect(parseCommand(["usage", "--month=2026-12", "acme"])).toEqual({ kind: "usage", team: "acme", month: "2026-12", json: false });
    expect(parseCommand(["export", "acme", "--month", "2025-12"])).toEqual({ kind: "export", team: "acme", month: "2025-12", out: undefined });
    expect(parseCommand(["export", "acme", "--month", "2025-12", "-o", "u.csv"])).toEqual({ kind: "export", team: "acme", month: "2025-12", out: "u.csv" });
    expect(parseCommand(["tickets", "acme"])).toEqual({ kind: "tickets", team: "acme", status: undefined, json: false });
    expect(parseCommand(["tickets", "acme", "--status", "in_progress", "--json"])).toEqual({
      kind: "tickets",
      team: "acme",
      status: "in_progress",
      json: true,
    });
    expect(parseCommand(["webhooks", "test", "acme", "whe_1"])).toEqual({ kind: "webhooks-test", team: "acme", endpoint: "whe_1", json: false });
  });

  it("asks for help in every spelling", () => {
    expect(parseCommand(["--help"])).toEqual({ kind: "help", topic: "servelink" });
    expect(parseCommand(["-h"])).toEqual({ kind: "help", topic: "servelink" });
    expect(parseCommand(["help"])).toEqual({ kind: "help", topic: "servelink" });
    expect(parseCommand(["help", "export"])).toEqual({ kind: "help", topic: "export" });
    expect(parseCommand(["help", "webhooks", "test"])).toEqual({ kind: "help", topic: "webhooks test" });
    // --help wins over what is missing or wrong around it.
    expect(parseCommand(["usage", "--help"])).toEqual({ kind: "help", topic: "usage" });
    expect(parseCommand(["export", "-h"])).toEqual({ kind: "help", topic: "export" });
    expect(parseCommand(["tickets", "acme", "--status", "nope", "--help"])).toEqual({ kind: "help", topic: "tickets" });
    expect(parseCommand(["webhooks", "--help"])).toEqual({ kind: "help", topic: "webhooks" });
    expect(parseCommand(["webhooks", "test", "-h"])).toEqual({ kind: "help", topic: "webhooks test" });
  });

  it.each([
    [[], "no command given", "servelink"],
    [["deploy"], `unknown command "deploy"`, "servelink"],
    [["--json", "usage"], `unknown option "--json" before a command`, "servelink"],
    [["help", "deploy"], `no help on "deploy": the commands are usage, export, tickets, webhooks test`, "servelink"],
    [["usage"], "missing <team>", "usage"],
    [["usage", "acme", "beta"], `unexpected argument "beta"`, "usage"],
    [["usage", ""], "<team> must not be empty", "usage"],
    [["usage", "acme", "--month", "2026-13"], `--month must be YYYY-MM (e.g. 2026-03), not "2026-13"`, "usage"],
    [["usage", "acme", "--month", "2026-1"], `--month must be YYYY-MM (e.g. 2026-03), not "2026-1"`, "usage"],
    [["usage", "acme", "--month"], "Option '--month <value>' argument missing", "usage"],
    [["usage", "acme", "--out", "x"], "Unknown option '--out'", "usage"],
    [["usage", "acme", "--json=yes"], "Option '--json' does not take an argument", "usage"],
    [["export", "acme"], "--month YYYY-MM is required", "export"],
    [["export", "acme", "--month", "2026-01", "--json"], "Unknown option '--json'", "export"],
    [["export", "acme", "--month", "2026-01", "--out", ""], "--out must name a file", "export"],
    [["tickets", "acme", "--status", "pending"], `--status must be one of open, in_progress, waiting, resolved, closed, not "pending"`, "tickets"],
    [["webhooks"], "missing a webhooks command: test", "webhooks"],
    [["webhooks", "list", "acme"], `unknown webhooks command "list": the one there is is test`, "webhooks"],
    [["webhooks", "test", "acme"], "missing <endpoint-id>", "webhooks test"],
  ])("%j is a usage error: %s", (argv, message, topic) => {
    let thrown: unknown;
    try {
      parseCommand(argv);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect(thrown).toMatchObject({ message, topic });
  });
});

describe("output", () => {
  it("writes the API's JSON as REST does: bigints as numbers (strings past 2^53), dates in ISO", () => {
    const text = toApiJson({ bytes: 5n, huge: 2n ** 60n, at: new Date("2026-03-01T00:00:00Z"), none: null });
    expect(JSON.parse(text)).toEqual({ bytes: 5, huge: "1152921504606846976", at: "2026-03-01T00:00:00.000Z", none: null });
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("aligns a table's columns and leaves the last one unpadded", () => {
    expect(
      table([
        ["A", "BB", "C"],
        ["long", "x", "end"],
      ]),
    ).toBe("A     BB  C\nlong  x   end\n");
  });

  it("shows percentages as the API gives them", () => {
    expect([formatPercent(12.34), formatPercent(0), formatPercent(null), formatPercent(Infinity)]).toEqual(["12.34%", "0%", "–", "∞"]);
  });

  it("keeps an error to one line and never shows the token", () => {
    expect(errorLine({ code: "NOT_FOUND", reason: "not_found", message: "Team not found." })).toBe("servelink: NOT_FOUND: Team not found.\n");
    expect(errorLine({ code: "CONFLICT", reason: "not_pro", message: "The team is on Free." })).toBe("servelink: CONFLICT (not_pro): The team is on Free.\n");
    expect(errorLine({ code: "BAD_GATEWAY", reason: null, message: "first\n  second\r\nthird" })).toBe("servelink: BAD_GATEWAY: first second third\n");
    expect(errorLine({ code: "UNAUTHORIZED", reason: null, message: "pat_secret123 is not valid" }, "pat_secret123")).toBe(
      "servelink: UNAUTHORIZED: pat_… is not valid\n",
    );
  });
});

/** A stand-in for the console's tRPC endpoint: answers each batched call with `answer(path, input)`. */
function fakeServer(
  answer: (path: string, input: unknown) => { data: unknown } | { error: { code: string; httpStatus: number; message: string; reason?: string } },
) {
  const calls: { url: string; authorization: string | null; method: string }[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const authorization = new Headers(init?.headers).get("authorization");
    calls.push({ url: url.toString(), authorization, method: init?.method ?? "GET" });
    if (!url.pathname.startsWith("/api/trpc/")) return new Response("<html>not found</html>", { status: 404, headers: { "content-type": "text/html" } });
    const paths = url.pathname.slice("/api/trpc/".length).split(",");
    const inputs = JSON.parse(url.searchParams.get("input") ?? "{}") as Record<string, { json: unknown }>;
    const answers = paths.map((path, i) => ({ path, a: answer(path, inputs[i]?.json) }));
    const results = answers.map(({ path, a }) => {
      if ("data" in a) return { result: { data: superjson.serialize(a.data) } };
      const { code, httpStatus, message, reason } = a.error;
      return { error: superjson.serialize({ message, code: -32000, data: { code, httpStatus, path, ...(reason ? { reason } : {}) } }) };
    });
    const only = answers.length === 1 ? answers[0]!.a : null;
    const status = only && "error" in only ? only.error.httpStatus : 200;
    return new Response(JSON.stringify(results), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

async function run(argv: string[], opts: Partial<TCliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { SERVELINK_URL: "http://console.test", SERVELINK_TOKEN: "pat_unit_token" },
    retries: 0,
    ...opts,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const summary = {
  team: { id: "team_1", slug: "acme", name: "Acme", plan: "pay_as_you_go" },
  period: { month: "2026-03", first_day: "2026-03-01", last_day: "2026-03-31", traffic_resets_at: new Date("2026-04-01T00:00:00Z"), is_current: false },
  limits: { plan: "pay_as_you_go", traffic_gb: 10, storage_mb: 10240, traffic_bytes_per_month: 10n * 1024n ** 3n, storage_bytes: 10n * 1024n ** 3n },
  totals: {
    traffic: { bytes: 4_509_715_660n, mb: 4300.8, gb: 4.2, limit_bytes: 10n * 1024n ** 3n, percent: 42, level: "ok" },
    storage: { bytes: 9_663_676_416n, mb: 9216, gb: 9, limit_bytes: 10n * 1024n ** 3n, percent: 90, level: "warning" },
  },
  projects: [
    {
      id: "prj_1",
      slug: "acme-web",
      name: "Web",
      status: "active",
      last_traffic_at: null,
      traffic: { bytes: 4_509_715_660n, limit_bytes: -1n, percent: null, level: "ok" },
      storage: { bytes: 0n, limit_bytes: -1n, percent: null, level: "ok" },
    },
  ],
  level: "warning",
};

describe("runCli", () => {
  it("prints usage per metric with used, limit, percent and level, then the projects, and the month it was asked", async () => {
    const server = fakeServer((path, input) => {
      expect([path, input]).toEqual(["usage.summary", { team: "acme", month: "2026-03" }]);
      return { data: summary };
    });
    const r = await run(["usage", "acme", "--month", "2026-03"], { fetch: server.fetch });
    expect(r).toEqual({
      code: EXIT.ok,
      stderr: "",
      stdout: [
        "Acme (acme) · Pro · 2026-03 (2026-03-01 to 2026-03-31) · level warning",
        "",
        "METRIC   USED    LIMIT  PERCENT  LEVEL",
        "traffic  4.2 GB  10 GB  42%      ok",
        "storage  9 GB    10 GB  90%      warning",
        "",
        "PROJECT   STATUS  TRAFFIC  STORAGE",
        "acme-web  active  4.2 GB   0 B",
        "",
      ].join("\n"),
    });
    expect(server.calls).toEqual([expect.objectContaining({ authorization: "Bearer pat_unit_token" })]);
    expect(server.calls[0]!.url.startsWith("http://console.test/api/trpc/usage.summary?")).toBe(true);
  });

  it("--json prints the answer as the REST summary reads", async () => {
    const server = fakeServer(() => ({ data: summary }));
    const r = await run(["usage", "acme", "--json"], { fetch: server.fetch });
    expect(r.code).toBe(EXIT.ok);
    const json = JSON.parse(r.stdout);
    expect(json.totals.traffic).toEqual({ bytes: 4_509_715_660, mb: 4300.8, gb: 4.2, limit_bytes: 10737418240, percent: 42, level: "ok" });
    expect(json.period.traffic_resets_at).toBe("2026-04-01T00:00:00.000Z");
  });

  it("writes the export's CSV to stdout untouched, or to --out with a count of rows", async () => {
    const csv = "day,project_id\n2026-03-01,prj_1\n2026-03-02,prj_1\n";
    const server = fakeServer(() => ({ data: { filename: "usage-2026-03.csv", csv } }));
    expect(await run(["export", "acme", "--month", "2026-03"], { fetch: server.fetch })).toEqual({ code: 0, stdout: csv, stderr: "" });
    const files: [string, string][] = [];
    const written = await run(["export", "acme", "--month", "2026-03", "--out", "u.csv"], {
      fetch: server.fetch,
      writeFile: async (p, d) => void files.push([p, d]),
    });
    expect(written).toEqual({ code: 0, stdout: "2 rows of 2026-03 written to u.csv\n", stderr: "" });
    expect(files).toEqual([["u.csv", csv]]);
    const unwritable = await run(["export", "acme", "--month", "2026-03", "--out", "/nonexistent-dir/u.csv"], { fetch: server.fetch });
    expect(unwritable.code).toBe(EXIT.refused);
    expect(unwritable.stderr).toMatch(/^servelink: FILE_ERROR: ENOENT[^\n]*\n$/);
  });

  it("lists tickets with id, status, priority, SLA, day and subject; --json as REST's { tickets }", async () => {
    const ticket = {
      id: "tkt_1",
      subject: "Deploy fails",
      status: "open",
      priority: "high",
      updated_at: new Date("2026-03-04T10:00:00Z"),
      sla: { state: "breached", minutes_left: -5 },
    };
    const server = fakeServer((_path, input) => ({ data: (input as { status?: string }).status === "closed" ? [] : [ticket] }));
    const r = await run(["tickets", "acme"], { fetch: server.fetch });
    expect(r.stdout).toBe(
      "1 ticket in acme:\n\nID     STATUS  PRIORITY  SLA       UPDATED     SUBJECT\ntkt_1  open    high      breached  2026-03-04  Deploy fails\n",
    );
    expect((await run(["tickets", "acme", "--status", "closed"], { fetch: server.fetch })).stdout).toBe("No tickets in acme with status closed.\n");
    expect(JSON.parse((await run(["tickets", "acme", "--json"], { fetch: server.fetch })).stdout)).toEqual({
      tickets: [{ ...ticket, updated_at: "2026-03-04T10:00:00.000Z" }],
    });
  });

  it.each([
    ["UNAUTHORIZED", 401, "invalid_token", EXIT.unauthenticated, "servelink: UNAUTHORIZED (invalid_token): The token is not valid.\n"],
    ["NOT_FOUND", 404, undefined, EXIT.refused, "servelink: NOT_FOUND: The token is not valid.\n"],
    ["FORBIDDEN", 403, undefined, EXIT.refused, "servelink: FORBIDDEN: The token is not valid.\n"],
    ["TOO_MANY_REQUESTS", 429, "rate_limited", EXIT.refused, "servelink: TOO_MANY_REQUESTS (rate_limited): The token is not valid.\n"],
  ])("a refusal %s (%i) exits %i", async (code, httpStatus, reason, exit, line) => {
    const server = fakeServer(() => ({ error: { code, httpStatus, message: "The token is not valid.", reason } }));
    expect(await run(["usage", "acme"], { fetch: server.fetch })).toEqual({ code: exit, stdout: "", stderr: line });
  });

  it("a missing token is exit 3 before any request; a bad SERVELINK_URL and a usage error are exit 2, nothing sent", async () => {
    const server = fakeServer(() => ({ data: summary }));
    expect(await run(["usage", "acme"], { fetch: server.fetch, env: { SERVELINK_URL: "http://console.test" } })).toEqual({
      code: EXIT.unauthenticated,
      stdout: "",
      stderr: "servelink: UNAUTHORIZED: SERVELINK_TOKEN is not set: give a personal API token (pat_…)\n",
    });
    expect(await run(["usage", "acme"], { fetch: server.fetch, env: { SERVELINK_URL: "ftp://x", SERVELINK_TOKEN: "pat_1" } })).toEqual({
      code: EXIT.usage,
      stdout: "",
      stderr: `servelink: USAGE: SERVELINK_URL must be an http:// or https:// address, not "ftp://x"\n`,
    });
    expect(await run(["usage"], { fetch: server.fetch })).toEqual({
      code: EXIT.usage,
      stdout: "",
      stderr: "servelink: USAGE: missing <team> (see servelink usage --help)\n",
    });
    expect(await run(["bogus"], { fetch: server.fetch })).toEqual({
      code: EXIT.usage,
      stdout: "",
      stderr: `servelink: USAGE: unknown command "bogus" (see servelink --help)\n`,
    });
    expect(server.calls).toEqual([]);
  });

  it("help goes to stdout with exit 0 and needs no token", async () => {
    const r = await run(["tickets", "--help"], { env: {} });
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout.split("\n")[0]).toBe("servelink tickets <team> [--status STATUS] [--json]");
    expect(r.stdout).toContain("STATUS is one of open, in_progress, waiting, resolved, closed");
    expect((await run(["help"], { env: {} })).stdout).toContain("servelink webhooks test <team> <endpoint-id> [--json]");
  });

  it("an unreachable server is exit 1 naming the address; the token is never printed", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    const r = await run(["usage", "acme"], { fetch: failing });
    expect(r).toEqual({ code: EXIT.refused, stdout: "", stderr: "servelink: NETWORK_ERROR: http://console.test: fetch failed\n" });
  });

  it("webhooks test posts to the endpoint's test path: a 404 (no such path, or endpoint) is exit 1, a 401 exit 3", async () => {
    const server = fakeServer(() => ({ data: null }));
    const r = await run(["webhooks", "test", "acme", "whe 1"], { fetch: server.fetch });
    expect(r).toEqual({
      code: EXIT.refused,
      stdout: "",
      stderr: "servelink: NOT_FOUND: POST /api/webhooks/acme/endpoints/whe%201/test: HTTP 404 (no such path or endpoint)\n",
    });
    expect(server.calls).toEqual([
      { url: "http://console.test/api/webhooks/acme/endpoints/whe%201/test", authorization: "Bearer pat_unit_token", method: "POST" },
    ]);
    const json = (status: number, body: unknown) =>
      (async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })) as typeof fetch;
    expect(
      await run(["webhooks", "test", "acme", "whe_1"], { fetch: json(401, { error: { code: "invalid_token", message: "The token is not valid." } }) }),
    ).toEqual({
      code: EXIT.unauthenticated,
      stdout: "",
      stderr: "servelink: UNAUTHORIZED (invalid_token): The token is not valid.\n",
    });
    expect(await run(["webhooks", "test", "acme", "whe_1", "--json"], { fetch: json(202, { delivery_id: "whd_1", status: "pending" }) })).toEqual({
      code: EXIT.ok,
      stdout: `{\n  "delivery_id": "whd_1",\n  "status": "pending"\n}\n`,
      stderr: "",
    });
    expect((await run(["webhooks", "test", "acme", "whe_1"], { fetch: json(202, {}) })).stdout).toBe("Test event sent to endpoint whe_1 of acme.\n");
  });
});
