import { randomBytes } from "node:crypto";
import { clock } from "../../src/lib/clock";
import { amountProblem } from "../../src/lib/money";
import { PAYMENT_STATUSES } from "../../src/lib/payments";
import { startCallbackListener, type TCallbackListener, type TReceivedCallback } from "./callback-listener";

/**
 * The conformance kit for payment backends (spec 14.5): it plays the console against a backend
 * (docs/payment-backend.md, contract v2) and says, check by check, what the backend does that the
 * contract does not allow. Every check runs at once; one that cannot run (the backend unreachable,
 * an answer that never comes) fails with the reason. A backend's `expires_at` is compared with the
 * console's clock (the machine's time, unless SERVELINK_FAKE_NOW starts it elsewhere, as in the
 * dated runs, where the sandbox answers on that clock); durations are the machine's.
 */
export interface TBackendCheckOptions {
  /** The prefix before `/payments`: `https://…/api/v1`, or the sandbox's `http://…/api/sandbox/v1`. */
  url: string;
  apiKey: string;
  /** The `whsec_…` secret the backend signs its callbacks with. */
  webhookSecret: string;
  /** host:port the kit listens on for the callbacks it asks for (port 0: any free port). */
  listen: string;
  /** The callback address sent to the backend, when it cannot reach `--listen` directly (a tunnel); default `http://<listen>/callback`. */
  callbackUrl?: string;
  /** The `return_url` sent; default the origin of `url` (the sandbox only sends payers back to its console). */
  returnUrl?: string;
  /** How long a callback (or a test number's final status) may take; default 20 s. */
  callbackTimeoutMs?: number;
  /** How long one HTTP call may take; default 10 s. */
  requestTimeoutMs?: number;
  /** How long 0003 is watched staying pending, past the other numbers' decisions; default 6 s. */
  observeMs?: number;
  /** How long after 0005 completes no callback may come; default 1.5 s. */
  quietMs?: number;
  /** Called as each check ends (the CLI prints it); results come back in the checks' order either way. */
  onResult?: (result: TCheckResult) => void;
}

export interface TCheckResult {
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
}

/** A check's verdict that the backend did something wrong: its message names what. */
class CheckFailure extends Error {}

/** A check that could not run (no answer, timeout): failed, with the reason. */
class CannotRun extends Error {}

const STATUSES = PAYMENT_STATUSES as readonly string[];
const FINAL = ["completed", "failed", "cancelled"];
/** A Côte d'Ivoire Orange Money number, +225 07 07 00 NN NN, its last four digits the test number. */
const TEST_PAYER_PREFIX = "+225070700";

interface TAnswer {
  status: number;
  json: unknown;
  text: string;
}

function brief(text: string, max = 160): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max)}…` : one || "(empty body)";
}

function describeAnswer(a: TAnswer): string {
  return `${a.status} ${brief(a.text)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

function errorCode(a: TAnswer): string | null {
  return isRecord(a.json) && isRecord(a.json.error) && typeof a.json.error.code === "string" ? a.json.error.code : null;
}

function expectError(a: TAnswer, status: number, code: string, what: string): void {
  if (a.status !== status || errorCode(a) !== code) {
    throw new CheckFailure(`${what} answered ${describeAnswer(a)}; expected ${status} { error: { code: "${code}" } }`);
  }
}

/** What is wrong with an initiate answer (the contract's shape, v2's optional fields well formed when present). */
export function initiateProblems(json: unknown, now = clock.nowMs()): string[] {
  if (!isRecord(json)) return ["the answer is not a JSON object"];
  const problems: string[] = [];
  if (typeof json.external_payment_id !== "string" || !json.external_payment_id) problems.push("external_payment_id is missing or not a string");
  let url: URL | null = null;
  try {
    url = typeof json.payment_url === "string" ? new URL(json.payment_url) : null;
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol)) problems.push(`payment_url is not an http(s) URL (${JSON.stringify(json.payment_url)})`);
  if (typeof json.status !== "string" || !STATUSES.includes(json.status))
    problems.push(`status ${JSON.stringify(json.status)} is not one of ${STATUSES.join(", ")}`);
  if (json.qr_code !== undefined && json.qr_code !== null && typeof json.qr_code !== "string") problems.push("qr_code is neither a string nor null");
  if (json.expires_at !== undefined && json.expires_at !== null) {
    const at = typeof json.expires_at === "string" ? Date.parse(json.expires_at) : NaN;
    if (
      typeof json.expires_at !== "string" ||
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(json.expires_at) ||
      Number.isNaN(at)
    ) {
      problems.push(`expires_at ${JSON.stringify(json.expires_at)} is not an ISO 8601 date-time with its offset`);
    } else if (at <= now) {
      problems.push(`expires_at ${json.expires_at} is already past`);
    }
  }
  if (
    json.instructions !== undefined &&
    json.instructions !== null &&
    (typeof json.instructions !== "string" || !json.instructions.trim() || json.instructions.length > 1000)
  ) {
    problems.push("instructions is not a non-empty string of at most 1000 characters");
  }
  return problems;
}

/** What is wrong with a status answer for `id`, given what was initiated (amount in major units). */
export function statusProblems(json: unknown, id: string, sent?: { amount: number; currency: string }): string[] {
  if (!isRecord(json)) return ["the status answer is not a JSON object"];
  const problems: string[] = [];
  if (json.external_payment_id !== id) problems.push(`external_payment_id is ${JSON.stringify(json.external_payment_id)}, not ${id}`);
  if (typeof json.status !== "string" || !STATUSES.includes(json.status))
    problems.push(`status ${JSON.stringify(json.status)} is not one of ${STATUSES.join(", ")}`);
  if (typeof json.currency !== "string" || !/^[A-Z]{3}$/.test(json.currency))
    problems.push(`currency ${JSON.stringify(json.currency)} is not an ISO 4217 code`);
  if (typeof json.amount !== "number") problems.push(`amount ${JSON.stringify(json.amount)} is not a number`);
  else if (typeof json.currency === "string") {
    const problem = amountProblem(json.amount, json.currency);
    if (problem) problems.push(`amount ${json.amount} ${json.currency}: ${problem}`);
  }
  if (sent && (json.amount !== sent.amount || json.currency !== sent.currency)) {
    problems.push(`the status says ${String(json.amount)} ${String(json.currency)}, the payment was ${sent.amount} ${sent.currency}`);
  }
  for (const field of ["transaction_id", "failure_reason"]) {
    if (json[field] !== undefined && json[field] !== null && typeof json[field] !== "string") problems.push(`${field} is neither a string nor null`);
  }
  return problems;
}

function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString("hex")}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs every check against the backend; never throws for the backend's faults (they are results). */
export async function runBackendCheck(opts: TBackendCheckOptions): Promise<{ results: TCheckResult[]; callbackUrl: string }> {
  const base = opts.url.replace(/\/+$/, "");
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  const callbackTimeoutMs = opts.callbackTimeoutMs ?? 20_000;
  const observeMs = opts.observeMs ?? 6_000;
  const quietMs = opts.quietMs ?? 1_500;
  const returnUrl = opts.returnUrl ?? `${new URL(base).origin}/`;
  if (!/^whsec_/.test(opts.webhookSecret)) throw new Error("--webhook-secret must be the whsec_… secret the backend signs with");

  let listener: TCallbackListener | null = null;
  let listenError: string | null = null;
  try {
    listener = await startCallbackListener(opts.listen, opts.webhookSecret);
  } catch (err) {
    listenError = `the kit cannot listen on ${opts.listen} for callbacks: ${err instanceof Error ? err.message : String(err)}`;
  }
  const callbackUrl = opts.callbackUrl ?? `http://${listener?.address ?? opts.listen}/callback`;
  const cleanup: string[] = [];

  async function call(method: "GET" | "POST", path: string, body?: unknown, apiKey = opts.apiKey): Promise<TAnswer> {
    const target = `${base}/payments${path}`;
    let res: Response;
    try {
      res = await fetch(target, {
        method,
        headers: { "x-api-key": apiKey, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === "TimeoutError" || e.name === "AbortError") throw new CannotRun(`${method} ${target} did not answer within ${seconds(requestTimeoutMs)}`);
      throw new CannotRun(`cannot reach ${method} ${target}: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
    }
    const text = await res.text().catch(() => "");
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }

  function initiateBody(over: Record<string, unknown> & { payment_method?: string; amount?: number; currency?: string; ending?: string }) {
    const { ending, ...rest } = over;
    return {
      payment_id: randomId("chk"),
      amount: 3,
      currency: "EUR",
      payment_method: "mobile_money",
      description: "Servelink backend check",
      callback_url: callbackUrl,
      return_url: returnUrl,
      metadata: { backend_check: true },
      ...(ending ? { payer: { phone: `${TEST_PAYER_PREFIX}${ending}`, operator: "orange_money", country: "CI" } } : {}),
      ...rest,
    };
  }

  /** Initiates and insists on a well-formed 200; answers the backend's id, its answer and when it was sent. */
  async function initiate(what: string, over: Parameters<typeof initiateBody>[0]) {
    const body = initiateBody(over);
    const startedAt = Date.now();
    const a = await call("POST", "/initiate", body);
    if (a.status !== 200) throw new CheckFailure(`${what}: initiate answered ${describeAnswer(a)}`);
    const problems = initiateProblems(a.json);
    if (problems.length) throw new CheckFailure(`${what}: initiate's answer ${problems.join("; ")}`);
    const answer = a.json as { external_payment_id: string; status: string; expires_at?: string | null; instructions?: string | null; payment_url: string };
    return { id: answer.external_payment_id, answer, startedAt, sent: { amount: body.amount, currency: body.currency } };
  }

  async function statusOf(what: string, id: string, sent?: { amount: number; currency: string }) {
    const a = await call("GET", `/${encodeURIComponent(id)}/status`);
    if (a.status !== 200) throw new CheckFailure(`${what}: the status endpoint answered ${describeAnswer(a)}`);
    const problems = statusProblems(a.json, id, sent);
    if (problems.length) throw new CheckFailure(`${what}: the status answer ${problems.join("; ")}`);
    return a.json as { status: string; amount: number; currency: string; transaction_id?: string | null; failure_reason?: string | null };
  }

  /** Polls the status until it is final (or the callback timeout passes). */
  async function finalStatus(what: string, id: string, sent: { amount: number; currency: string }) {
    const until = Date.now() + callbackTimeoutMs;
    for (;;) {
      const s = await statusOf(what, id, sent);
      if (FINAL.includes(s.status)) return s;
      if (Date.now() > until) throw new CannotRun(`${what}: still ${s.status} after ${seconds(callbackTimeoutMs)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  function requireListener(): TCallbackListener {
    if (!listener) throw new CannotRun(listenError ?? "no callback listener");
    return listener;
  }

  function badSignatures(callbacks: TReceivedCallback[]): string | null {
    const bad = callbacks.find((c) => !c.verified);
    if (bad) return `a callback's signature does not verify with the given secret (${bad.signatureError})`;
    const malformed = callbacks.find((c) => c.bodyError);
    return malformed ? `a callback's body is wrong: ${malformed.bodyError}` : null;
  }

  const isFinalCallback = (c: TReceivedCallback) => typeof c.data?.status === "string" && FINAL.includes(c.data.status);

  /** A test number's payment that ends with a callback: waits for its first final callback. */
  async function finalCallback(what: string, ending: string) {
    const l = requireListener();
    const p = await initiate(what, { ending, amount: 1970, currency: "XOF" });
    const { callbacks, timedOut } = await l.waitFor(p.id, (cbs) => cbs.some(isFinalCallback), callbackTimeoutMs);
    const tookMs = Date.now() - p.startedAt;
    if (timedOut) {
      const now = await statusOf(what, p.id, p.sent).catch(() => null);
      throw new CheckFailure(`${what}: no final callback within ${seconds(callbackTimeoutMs)}${now ? ` (the status says ${now.status})` : ""}`);
    }
    const signature = badSignatures(callbacks);
    if (signature) throw new CheckFailure(`${what}: ${signature}`);
    const callback = callbacks.find(isFinalCallback)!;
    return { p, callback, callbacks, tookMs };
  }

  // 0001's payment, shared by its own check and the signed-callback check.
  let approved: Promise<Awaited<ReturnType<typeof finalCallback>>> | null = null;
  const approve = () => (approved ??= finalCallback("0001", "0001"));

  const checks: Array<[string, () => Promise<string>]> = [
    [
      "initiate answers the contract's shape",
      async () => {
        const p = await initiate("a Mobile Money payment", { ending: "0099" });
        cleanup.push(p.id);
        const a = p.answer;
        const v2 = [
          a.expires_at ? `expires_at in ${Math.round((Date.parse(a.expires_at) - clock.nowMs()) / 1000)} s` : "no expires_at (version 1)",
          a.instructions ? `instructions "${brief(a.instructions, 60)}"` : "no instructions (version 1)",
        ];
        return `external_payment_id ${a.external_payment_id}, status ${a.status}, ${v2.join(", ")}`;
      },
    ],
    [
      "a wrong X-API-Key is refused",
      async () => {
        const a = await call("POST", "/initiate", initiateBody({ ending: "0099" }), `wrong-${randomBytes(6).toString("hex")}`);
        if (a.status === 200 && isRecord(a.json) && typeof a.json.external_payment_id === "string") cleanup.push(a.json.external_payment_id);
        expectError(a, 401, "unauthorized", "initiate with a wrong X-API-Key");
        return "401 unauthorized";
      },
    ],
    [
      "not_found for an unknown id",
      async () => {
        const unknown = randomId("kit_unknown");
        expectError(await call("GET", `/${unknown}/status`), 404, "not_found", `GET /payments/${unknown}/status`);
        expectError(await call("POST", `/${unknown}/cancel`, {}), 404, "not_found", `POST /payments/${unknown}/cancel`);
        return "status and cancel of an unknown id: 404 not_found";
      },
    ],
    [
      "already_final on cancelling a final payment",
      async () => {
        const p = await initiate("a card payment", { payment_method: "credit_card" });
        const first = await call("POST", `/${encodeURIComponent(p.id)}/cancel`, {});
        if (first.status !== 200 || !isRecord(first.json) || first.json.status !== "cancelled" || first.json.external_payment_id !== p.id) {
          throw new CheckFailure(`cancel of a pending payment answered ${describeAnswer(first)}; expected 200 { external_payment_id, status: "cancelled" }`);
        }
        const s = await statusOf("after cancel", p.id, p.sent);
        if (s.status !== "cancelled") throw new CheckFailure(`after a cancel, the status says ${s.status}, not cancelled`);
        expectError(await call("POST", `/${encodeURIComponent(p.id)}/cancel`, {}), 409, "already_final", "a second cancel");
        return "cancelled once, then 409 already_final";
      },
    ],
    [
      "invalid_amount",
      async () => {
        const cases: Array<[string, Parameters<typeof initiateBody>[0]]> = [
          ["a negative amount (-3 EUR)", { amount: -3 }],
          ["XOF with decimals (1970.5 XOF)", { amount: 1970.5, currency: "XOF", ending: "0099" }],
          ["EUR with three decimals (3.001 EUR)", { amount: 3.001 }],
        ];
        for (const [what, over] of cases) {
          const a = await call("POST", "/initiate", initiateBody({ ending: "0099", ...over }));
          if (a.status === 200 && isRecord(a.json) && typeof a.json.external_payment_id === "string") cleanup.push(a.json.external_payment_id);
          expectError(a, 400, "invalid_amount", `initiate with ${what}`);
        }
        return `400 invalid_amount for ${cases.map(([w]) => w).join(", ")}`;
      },
    ],
    [
      "unsupported_method",
      async () => {
        const a = await call("POST", "/initiate", initiateBody({ payment_method: "carrier_pigeon" }));
        if (a.status === 200 && isRecord(a.json) && typeof a.json.external_payment_id === "string") cleanup.push(a.json.external_payment_id);
        expectError(a, 400, "unsupported_method", 'initiate with payment_method "carrier_pigeon"');
        return "400 unsupported_method";
      },
    ],
    [
      "XOF amounts are whole francs",
      async () => {
        const p = await initiate("XOF 1970", { amount: 1970, currency: "XOF", ending: "0098" });
        cleanup.push(p.id);
        const s = await statusOf("XOF 1970", p.id, p.sent);
        if (!Number.isInteger(s.amount)) throw new CheckFailure(`the status answers ${s.amount} XOF, not whole francs`);
        return `initiate 1970 XOF, the status answers ${s.amount} ${s.currency}`;
      },
    ],
    [
      "0001 completes with a callback",
      async () => {
        const { p, callback, tookMs } = await approve();
        if (callback.data?.status !== "completed") throw new CheckFailure(`0001: the callback says ${String(callback.data?.status)}, not completed`);
        const s = await statusOf("0001", p.id, p.sent);
        if (s.status !== "completed") throw new CheckFailure(`0001: after its completed callback the status says ${s.status}`);
        return `completed, callback after ${seconds(tookMs)}`;
      },
    ],
    [
      "a signed callback verifies and agrees with the status endpoint",
      async () => {
        const { p, callback } = await approve().catch((err: unknown) => {
          throw new CannotRun(`no callback to look at: ${err instanceof Error ? err.message : String(err)}`);
        });
        const s = await statusOf("0001", p.id, p.sent);
        const d = callback.data!;
        const seen = s as Record<string, unknown>;
        const disagree = ["status", "amount", "currency", "transaction_id"].filter((f) => d[f] !== seen[f] && (f !== "transaction_id" || (d[f] && seen[f])));
        if (disagree.length) {
          const pick = (o: Record<string, unknown>) => JSON.stringify(Object.fromEntries(disagree.map((f) => [f, o[f]])));
          throw new CheckFailure(`the callback and the status endpoint disagree on ${disagree.join(", ")}: callback ${pick(d)}, status ${pick(seen)}`);
        }
        return `webhook-id ${callback.webhookId} verifies (Standard Webhooks); ${s.status}, ${s.amount} ${s.currency} on both`;
      },
    ],
    [
      "0002 fails with insufficient_funds",
      async () => {
        const { p, callback, tookMs } = await finalCallback("0002", "0002");
        if (callback.data?.status !== "failed" || callback.data.failure_reason !== "insufficient_funds") {
          throw new CheckFailure(
            `0002: the callback says ${String(callback.data?.status)} with failure_reason ${JSON.stringify(callback.data?.failure_reason)}, not failed with insufficient_funds`,
          );
        }
        const s = await statusOf("0002", p.id, p.sent);
        if (s.status !== "failed" || s.failure_reason !== "insufficient_funds") {
          throw new CheckFailure(
            `0002: the status says ${s.status} with failure_reason ${JSON.stringify(s.failure_reason)}, not failed with insufficient_funds`,
          );
        }
        return `failed insufficient_funds, callback after ${seconds(tookMs)}`;
      },
    ],
    [
      "0003 stays pending within its window",
      async () => {
        const l = requireListener();
        const p = await initiate("0003", { ending: "0003", amount: 1970, currency: "XOF" });
        cleanup.push(p.id);
        if (!p.answer.expires_at) throw new CheckFailure("0003: initiate gave no expires_at, so its window cannot be checked");
        const { callbacks } = await l.waitFor(p.id, (cbs) => cbs.some(isFinalCallback), observeMs);
        const s = await statusOf("0003", p.id, p.sent);
        if (s.status !== "pending" && s.status !== "processing")
          throw new CheckFailure(`0003: ${seconds(Date.now() - p.startedAt)} after initiate the status says ${s.status}`);
        const final = callbacks.find(isFinalCallback);
        if (final) throw new CheckFailure(`0003: a callback says ${String(final.data?.status)} within its window`);
        const left = Date.parse(p.answer.expires_at) - clock.nowMs();
        if (left <= 0) throw new CheckFailure(`0003: its expires_at ${p.answer.expires_at} has passed already`);
        return `still ${s.status} after ${seconds(observeMs)}, expires_at in ${Math.round(left / 1000)} s`;
      },
    ],
    [
      "0004 delivers several callbacks, ending completed",
      async () => {
        const l = requireListener();
        const p = await initiate("0004", { ending: "0004", amount: 1970, currency: "XOF" });
        const { callbacks, timedOut } = await l.waitFor(p.id, (cbs) => cbs.length >= 3 && cbs.at(-1)?.data?.status === "completed", callbackTimeoutMs);
        const statuses = callbacks.map((c) => String(c.data?.status));
        const signature = badSignatures(callbacks);
        if (signature) throw new CheckFailure(`0004: ${signature}`);
        if (timedOut)
          throw new CheckFailure(
            `0004: ${callbacks.length} callback(s) (${statuses.join(", ") || "none"}) within ${seconds(callbackTimeoutMs)}; expected completed, processing, completed`,
          );
        const ids = new Set(callbacks.map((c) => c.webhookId));
        if (ids.size !== callbacks.length)
          throw new CheckFailure(`0004: the callbacks share a webhook-id (${callbacks.map((c) => c.webhookId).join(", ")}); each event needs its own`);
        if (statuses[0] !== "completed" || !statuses.slice(1, -1).includes("processing")) {
          throw new CheckFailure(`0004: the callbacks came ${statuses.join(", ")}; expected completed, then processing, then completed`);
        }
        const s = await statusOf("0004", p.id, p.sent);
        if (s.status !== "completed") throw new CheckFailure(`0004: after its callbacks the status says ${s.status}`);
        return `${statuses.join(" → ")} (distinct webhook-ids), status completed, last callback after ${seconds(callbacks.at(-1)!.receivedAt - p.startedAt)}`;
      },
    ],
    [
      "0005 completes with no callback, seen via status",
      async () => {
        const l = requireListener();
        const p = await initiate("0005", { ending: "0005", amount: 1970, currency: "XOF" });
        const s = await finalStatus("0005", p.id, p.sent);
        const tookMs = Date.now() - p.startedAt;
        if (s.status !== "completed") throw new CheckFailure(`0005: the status ended ${s.status}, not completed`);
        await new Promise((r) => setTimeout(r, quietMs));
        const callbacks = l.callbacksFor(p.id);
        if (callbacks.length)
          throw new CheckFailure(`0005: ${callbacks.length} callback(s) came (${callbacks.map((c) => String(c.data?.status)).join(", ")}); it must send none`);
        return `completed after ${seconds(tookMs)} by the status endpoint, no callback`;
      },
    ],
  ];

  const results = await Promise.all(
    checks.map(async ([name, run]): Promise<TCheckResult> => {
      const started = Date.now();
      let result: TCheckResult;
      try {
        if (listenError) throw new CannotRun(listenError);
        result = { name, ok: true, detail: await run(), ms: Date.now() - started };
      } catch (err) {
        const detail =
          err instanceof CheckFailure
            ? err.message
            : err instanceof CannotRun
              ? `could not run: ${err.message}`
              : `could not run: ${err instanceof Error ? err.message : String(err)}`;
        result = { name, ok: false, detail, ms: Date.now() - started };
      }
      opts.onResult?.(result);
      return result;
    }),
  );
  // Pending payments the kit opened are cancelled; what a backend answers here is not judged.
  await Promise.all(cleanup.map((id) => call("POST", `/${encodeURIComponent(id)}/cancel`, {}).catch(() => null)));
  await listener?.close();
  return { results, callbackUrl };
}

/** The kit's report: one line per check, then the summary. */
export function formatReport(results: TCheckResult[]): string {
  const lines = results.map((r) => `${r.ok ? "✓" : "✗"} ${r.name}: ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  lines.push("", `${results.length} checks: ${results.length - failed} passed, ${failed} failed`);
  return lines.join("\n");
}
