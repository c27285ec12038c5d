import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../../test/db";
import { FAKE_BACKEND_KEY, FAKE_BACKEND_SECRET, startFakeBackend, type TBackendFault } from "../../test/fake-payment-backend";
import { TEST_API_KEY, TEST_WEBHOOK_SECRET, startPaymentServer } from "../../test/payment-harness";
import type { DbHandle } from "../../src/server/db/client";
import { formatReport, runBackendCheck, type TBackendCheckOptions, type TCheckResult } from "./run";

// The conformance kit (spec 14.5) against the built-in sandbox (it passes), against a backend
// written from the contract document alone (it passes too), and against that backend broken one
// way at a time (the check that names the fault fails, with a reason that says what was wrong).
let h: DbHandle;
let srv: Awaited<ReturnType<typeof startPaymentServer>>;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

beforeAll(async () => {
  h = await openTestDb(10);
  srv = await startPaymentServer(h.db, { sandbox: { allowLoopbackCallbacks: true } });
});
afterAll(async () => {
  await srv.close();
  await h.close();
});

const CHECKS = [
  "initiate answers the contract's shape",
  "a wrong X-API-Key is refused",
  "not_found for an unknown id",
  "already_final on cancelling a final payment",
  "invalid_amount",
  "unsupported_method",
  "XOF amounts are whole francs",
  "0001 completes with a callback",
  "a signed callback verifies and agrees with the status endpoint",
  "0002 fails with insufficient_funds",
  "0003 stays pending within its window",
  "0004 delivers several callbacks, ending completed",
  "0005 completes with no callback, seen via status",
] as const;

/** Short waits for the fake backend, which decides in 150 ms. */
const FAST: Partial<TBackendCheckOptions> = { observeMs: 800, quietMs: 300, callbackTimeoutMs: 3_000, requestTimeoutMs: 2_000 };

const failed = (results: TCheckResult[]) => Object.fromEntries(results.filter((r) => !r.ok).map((r) => [r.name, r.detail]));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe("the kit against the built-in sandbox", () => {
  it("passes every check, the test numbers in real time", async () => {
    const started = Date.now();
    const { results } = await runBackendCheck({
      url: `${srv.baseUrl}/api/sandbox/v1`,
      apiKey: TEST_API_KEY,
      webhookSecret: TEST_WEBHOOK_SECRET,
      listen: "127.0.0.1:0",
    });
    console.log(formatReport(results), `\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    expect(results.map((r) => r.name)).toEqual(CHECKS);
    expect(failed(results)).toEqual({});
    // 0001, 0002 and 0004 decide after the sandbox's 5 s.
    expect(results.find((r) => r.name === "0001 completes with a callback")!.detail).toMatch(/^completed, callback after [5-9]\.\d s$/);
  });

  it("as a command: one line per check, the summary, exit 0; and exit 1 when the backend is down", async () => {
    const run = (url: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          "npx",
          [
            "tsx",
            "scripts/backend-check.ts",
            "--url",
            url,
            "--api-key",
            TEST_API_KEY,
            "--webhook-secret",
            TEST_WEBHOOK_SECRET,
            "--listen",
            "127.0.0.1:0",
            "--timeout",
            "15",
          ],
          { cwd: root, env: { ...process.env, NODE_ENV: "test" } },
        );
        let out = "";
        child.stdout.on("data", (c: Buffer) => (out += c.toString()));
        child.stderr.on("data", (c: Buffer) => (out += c.toString()));
        child.on("exit", (code) => resolve({ code, out }));
      });
    const [ok, down, usage] = await Promise.all([
      run(`${srv.baseUrl}/api/sandbox/v1`),
      freePort().then((port) => run(`http://127.0.0.1:${port}/api/v1`)),
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn("npx", ["tsx", "scripts/backend-check.ts", "--url", "http://127.0.0.1:1"], { cwd: root });
        let out = "";
        child.stderr.on("data", (c: Buffer) => (out += c.toString()));
        child.on("exit", (code) => resolve({ code, out }));
      }),
    ]);
    expect(ok.code).toBe(0);
    for (const name of CHECKS) expect(ok.out).toContain(`✓ ${name}: `);
    expect(ok.out).toContain(`${CHECKS.length} checks: ${CHECKS.length} passed, 0 failed`);
    expect(down.code).toBe(1);
    expect(down.out).toContain(`${CHECKS.length} checks: 0 passed, ${CHECKS.length} failed`);
    expect(down.out).toMatch(
      /✗ not_found for an unknown id: could not run: cannot reach GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/payments\/kit_unknown_\w+\/status: ECONNREFUSED/,
    );
    expect(usage.code).toBe(2);
    expect(usage.out).toContain("missing --api-key, --webhook-secret, --listen");
  });
});

describe("the kit against a backend written from the contract", () => {
  it("passes every check when the backend keeps the contract", async () => {
    const fake = await startFakeBackend();
    try {
      const { results } = await runBackendCheck({
        url: fake.url,
        apiKey: FAKE_BACKEND_KEY,
        webhookSecret: FAKE_BACKEND_SECRET,
        listen: "127.0.0.1:0",
        ...FAST,
      });
      expect(failed(results)).toEqual({});
    } finally {
      await fake.close();
    }
  });

  // Each fault, the checks it must fail, and what their reasons must name. Every other check passes.
  const FAULTS: Array<[TBackendFault, Partial<Record<(typeof CHECKS)[number], RegExp>>]> = [
    [
      "status_finds_unknown_ids",
      { "not_found for an unknown id": /^GET \/payments\/kit_unknown_\w+\/status answered 200 .*; expected 404 \{ error: \{ code: "not_found" \} \}$/ },
    ],
    [
      "cancel_final_again",
      { "already_final on cancelling a final payment": /^a second cancel answered 200 .*expected 409 \{ error: \{ code: "already_final" \} \}$/ },
    ],
    ["accepts_negative_amounts", { invalid_amount: /^initiate with a negative amount \(-3 EUR\) answered 200/ }],
    ["accepts_franc_decimals", { invalid_amount: /^initiate with XOF with decimals \(1970\.5 XOF\) answered 200/ }],
    ["accepts_any_method", { unsupported_method: /^initiate with payment_method "carrier_pigeon" answered 200/ }],
    ["any_api_key", { "a wrong X-API-Key is refused": /^initiate with a wrong X-API-Key answered 200/ }],
    [
      "unsigned_callbacks",
      {
        "0001 completes with a callback": /signature does not verify .*unsigned: missing webhook-id, webhook-timestamp, webhook-signature/,
        "a signed callback verifies and agrees with the status endpoint": /^could not run: no callback to look at: .*unsigned/,
        "0002 fails with insufficient_funds": /unsigned/,
        "0004 delivers several callbacks, ending completed": /unsigned/,
      },
    ],
    [
      "callbacks_signed_with_another_secret",
      {
        "0001 completes with a callback": /signature does not verify with the given secret \(No matching signature found\)/,
        "a signed callback verifies and agrees with the status endpoint": /No matching signature found/,
        "0002 fails with insufficient_funds": /No matching signature found/,
        "0004 delivers several callbacks, ending completed": /No matching signature found/,
      },
    ],
    [
      "callback_disagrees_with_status",
      { "a signed callback verifies and agrees with the status endpoint": /disagree on amount: callback \{"amount":1971\}, status \{"amount":1970\}/ },
    ],
    ["approves_0003", { "0003 stays pending within its window": /^0003: [\d.]+ s after initiate the status says completed$/ }],
    ["calls_back_0005", { "0005 completes with no callback, seen via status": /^0005: 1 callback\(s\) came \(completed\); it must send none$/ }],
    ["0002_without_reason", { "0002 fails with insufficient_funds": /the callback says failed with failure_reason null, not failed with insufficient_funds/ }],
    [
      "0004_in_order",
      {
        "0004 delivers several callbacks, ending completed":
          /2 callback\(s\) \(processing, completed\) within 3\.0 s; expected completed, processing, completed/,
      },
    ],
  ];

  it.each(FAULTS)("a backend that breaks the contract (%s) fails the checks that name it", async (fault, expected) => {
    const fake = await startFakeBackend({ faults: [fault] });
    try {
      const { results } = await runBackendCheck({
        url: fake.url,
        apiKey: FAKE_BACKEND_KEY,
        webhookSecret: FAKE_BACKEND_SECRET,
        listen: "127.0.0.1:0",
        ...FAST,
      });
      const got = failed(results);
      expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
      for (const [name, reason] of Object.entries(expected)) expect(got[name]).toMatch(reason!);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ["initiate_without_payment_url", "payment_url is not an http(s) URL (undefined)"],
    ["expires_at_not_a_date", 'expires_at "in ten minutes" is not an ISO 8601 date-time with its offset'],
  ] as const)("a wrong initiate answer (%s) is named, and the checks that need a payment fail with it", async (fault, problem) => {
    const fake = await startFakeBackend({ faults: [fault] });
    try {
      const { results } = await runBackendCheck({
        url: fake.url,
        apiKey: FAKE_BACKEND_KEY,
        webhookSecret: FAKE_BACKEND_SECRET,
        listen: "127.0.0.1:0",
        ...FAST,
      });
      const got = failed(results);
      expect(got["initiate answers the contract's shape"]).toBe(`a Mobile Money payment: initiate's answer ${problem}`);
      expect(got["0001 completes with a callback"]).toBe(`0001: initiate's answer ${problem}`);
      // The error answers do not need a payment: they still pass.
      expect(results.filter((r) => r.ok).map((r) => r.name)).toEqual([
        "a wrong X-API-Key is refused",
        "not_found for an unknown id",
        "invalid_amount",
        "unsupported_method",
      ]);
    } finally {
      await fake.close();
    }
  });

  it("a status endpoint that never answers: the checks that need it could not run, and fail", async () => {
    const fake = await startFakeBackend({ faults: ["status_hangs"] });
    try {
      const { results } = await runBackendCheck({
        url: fake.url,
        apiKey: FAKE_BACKEND_KEY,
        webhookSecret: FAKE_BACKEND_SECRET,
        listen: "127.0.0.1:0",
        ...FAST,
        requestTimeoutMs: 500,
      });
      const got = failed(results);
      expect(got["not_found for an unknown id"]).toMatch(
        /^could not run: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/payments\/kit_unknown_\w+\/status did not answer within 0\.5 s$/,
      );
      expect(got["0005 completes with no callback, seen via status"]).toMatch(/^could not run: .* did not answer within 0\.5 s$/);
      expect(Object.keys(got)).toHaveLength(9);
    } finally {
      await fake.close();
    }
  });

  it("a backend that is down fails every check, as could not run", async () => {
    const port = await freePort();
    const { results } = await runBackendCheck({
      url: `http://127.0.0.1:${port}/api/v1`,
      apiKey: "k",
      webhookSecret: FAKE_BACKEND_SECRET,
      listen: "127.0.0.1:0",
      ...FAST,
    });
    expect(results.map((r) => r.name)).toEqual(CHECKS);
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.detail).toMatch(
        /^could not run: (no callback to look at: )?cannot reach (GET|POST) http:\/\/127\.0\.0\.1:\d+\/api\/v1\/payments\/\S+: ECONNREFUSED$/,
      );
    }
  });

  it("a callback address the kit cannot listen on fails every check, as could not run", async () => {
    const fake = await startFakeBackend();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const listen = `127.0.0.1:${(taken.address() as { port: number }).port}`;
      const { results } = await runBackendCheck({ url: fake.url, apiKey: FAKE_BACKEND_KEY, webhookSecret: FAKE_BACKEND_SECRET, listen, ...FAST });
      for (const r of results)
        expect(r.detail).toBe(`could not run: the kit cannot listen on ${listen} for callbacks: listen EADDRINUSE: address already in use ${listen}`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await fake.close();
    }
  });
});
