import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePrometheusText, promtoolPath, runPromtool, type TSample } from "../../test/prometheus-text";
import {
  countIngestBatch,
  countWebhookDelivery,
  ingestRefusal,
  observePaymentFinal,
  observeRequest,
  renderMetrics,
  restRouteTemplate,
  timeRequest,
} from "./metrics";
import type { TMetricsSnapshot } from "./services/metrics/metrics-snapshot";

const root = path.resolve(import.meta.dirname, "../..");
const OPS = path.join(root, "ops");
// Local machines may lack promtool; CI installs it (.ci/run), so there it is never skipped.
const promtool = promtoolPath();
const withPromtool = promtool || process.env.CI ? it : it.skip;

const snapshot: TMetricsSnapshot = {
  payments: [
    { provider: "payment_backend", method: "mobile_money", status: "completed", count: 7 },
    { provider: "stripe", method: "credit_card", status: "failed", count: 1 },
  ],
  tickets: [
    { priority: "low", open: 0, breached: 0 },
    { priority: "normal", open: 3, breached: 1 },
    { priority: "high", open: 1, breached: 0 },
    { priority: "urgent", open: 2, breached: 2 },
  ],
  projects: [
    { status: "active", count: 10 },
    { status: "suspended", count: 2 },
    { status: "inactive", count: 1 },
  ],
  jobs: [
    { job: "expire-resources", allowanceSeconds: 26 * 3600, lastSuccessAt: new Date("2026-03-01T02:00:00Z"), runs: { running: 0, success: 4, failure: 1 } },
    { job: "issue-monthly-statements", allowanceSeconds: 32 * 86_400, lastSuccessAt: null, runs: { running: 0, success: 0, failure: 0 } },
  ],
};

const value = (samples: TSample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

async function scrape(s: TMetricsSnapshot | null = snapshot) {
  const { text, contentType } = await renderMetrics(s);
  return { text, contentType, samples: parsePrometheusText(text) };
}

describe("restRouteTemplate", () => {
  it("puts each parameter's name where its value was in the path", () => {
    expect(restRouteTemplate("/api/billing/acme/balance", { team: "acme" })).toBe("/api/billing/[team]/balance");
    expect(restRouteTemplate("/api/support/acme/tickets/tkt_1a2b/messages", { team: "acme", id: "tkt_1a2b" })).toBe(
      "/api/support/[team]/tickets/[id]/messages",
    );
    expect(restRouteTemplate("/api/payments/pay_x9/history", { ref: "pay_x9" })).toBe("/api/payments/[ref]/history");
  });

  it("reads the path's segments decoded, as Next gives the parameters", () => {
    expect(restRouteTemplate("/api/billing/caf%C3%A9/documents/SL-2026-000001.pdf", { team: "café", file: "SL-2026-000001.pdf" })).toBe(
      "/api/billing/[team]/documents/[file]",
    );
  });

  it("never lets a parameter's value through: a slug equal to a fixed word replaces that word too", () => {
    expect(restRouteTemplate("/api/billing/billing/balance", { team: "billing" })).toBe("/api/[team]/[team]/balance");
  });

  it("gives up on the path, not on the secret, when a value cannot be found in it", () => {
    expect(restRouteTemplate("/api/billing/acme/balance", { team: "other" })).toBe("rest:unmatched");
    expect(restRouteTemplate("/api/billing/x/documents/x", { team: "x", file: "x" })).toBe("rest:unmatched");
  });
});

describe("recording", () => {
  it("times an answer under its route and status, a crash as a 500 that still reaches the caller", async () => {
    const req = new Request("http://console.test/api/billing/acme/balance");
    const ok = await timeRequest("/api/test/[team]/ok", req, async () => new Response(null, { status: 204 }));
    expect(ok.status).toBe(204);
    await expect(
      timeRequest("/api/test/[team]/crash", req, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const broken = await timeRequest(
      () => {
        throw new Error("no template");
      },
      req,
      async () => new Response("fine"),
    );
    expect(await broken.text()).toBe("fine");

    const { samples } = await scrape();
    const count = "servelink_http_request_duration_seconds_count";
    expect(value(samples, count, { route: "/api/test/[team]/ok", method: "GET", status: "204" })).toBe(1);
    expect(value(samples, count, { route: "/api/test/[team]/crash", status: "500" })).toBe(1);
  });

  it("counts a batch's events and bytes by outcome, and a refused batch by its answer", async () => {
    const before = await scrape();
    countIngestBatch(
      "accepted",
      [{ bytes: 100 }, { bytes: 50 }, { bytes: 7 }, { bytes: 1 }],
      [
        { index: 1, reason: "unknown_project" },
        { index: 3, reason: "too_old" },
      ],
    );
    countIngestBatch(ingestRefusal(401));
    countIngestBatch(ingestRefusal(409));
    countIngestBatch(ingestRefusal(400));
    countIngestBatch(ingestRefusal(503));
    const after = await scrape();
    const delta = (name: string, outcome: string) => value(after.samples, name, { outcome })! - value(before.samples, name, { outcome })!;
    expect(delta("servelink_ingest_batches_total", "accepted")).toBe(1);
    expect(delta("servelink_ingest_events_total", "accepted")).toBe(2);
    expect(delta("servelink_ingest_bytes_total", "accepted")).toBe(107);
    expect(delta("servelink_ingest_events_total", "unknown_project")).toBe(1);
    expect(delta("servelink_ingest_bytes_total", "unknown_project")).toBe(50);
    expect(delta("servelink_ingest_bytes_total", "too_old")).toBe(1);
    for (const outcome of ["unauthorized", "conflict", "invalid", "error"]) expect(delta("servelink_ingest_batches_total", outcome)).toBe(1);
  });

  it("starts the known series at zero, so that silence is a flat line", async () => {
    const { samples } = await scrape();
    expect(value(samples, "servelink_ingest_batches_total", { outcome: "replayed" })).toBeGreaterThanOrEqual(0);
    expect(value(samples, "servelink_webhook_deliveries_total", { provider: "stripe", outcome: "invalid_signature" })).toBeGreaterThanOrEqual(0);
  });

  it("observes a payment's time to its final state by provider, method and status", async () => {
    const createdAt = new Date("2026-03-01T10:00:00Z");
    observePaymentFinal({ provider: "payment_backend", paymentMethod: "mobile_money", status: "failed", createdAt }, new Date("2026-03-01T10:00:42Z"));
    countWebhookDelivery("payment_backend", "invalid_signature");
    const { samples } = await scrape();
    const labels = { provider: "payment_backend", method: "mobile_money", status: "failed" };
    expect(value(samples, "servelink_payment_time_to_final_seconds_sum", labels)).toBeGreaterThanOrEqual(42);
    expect(value(samples, "servelink_payment_time_to_final_seconds_bucket", { ...labels, le: "30" })).toBe(0);
    expect(value(samples, "servelink_payment_time_to_final_seconds_bucket", { ...labels, le: "60" })).toBeGreaterThanOrEqual(1);
    expect(value(samples, "servelink_webhook_deliveries_total", { provider: "payment_backend", outcome: "invalid_signature" })).toBeGreaterThanOrEqual(1);
  });

  it("never throws into a request, whatever it is given", () => {
    expect(() => observeRequest("/api/x", "GET", Number.NaN, -1)).not.toThrow();
    expect(() => countIngestBatch("accepted", [{ bytes: -5 }])).not.toThrow();
  });
});

describe("renderMetrics", () => {
  it("sets the database's gauges from the snapshot", async () => {
    const { samples, contentType } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(value(samples, "servelink_metrics_database_up")).toBe(1);
    expect(value(samples, "servelink_payments", { provider: "payment_backend", method: "mobile_money", status: "completed" })).toBe(7);
    expect(value(samples, "servelink_support_open_tickets", { priority: "normal" })).toBe(3);
    expect(value(samples, "servelink_support_sla_breached_tickets", { priority: "urgent" })).toBe(2);
    expect(value(samples, "servelink_projects", { status: "suspended" })).toBe(2);
    expect(value(samples, "servelink_job_runs", { job_name: "expire-resources", outcome: "failure" })).toBe(1);
    expect(value(samples, "servelink_job_last_success_timestamp_seconds", { job_name: "expire-resources" })).toBe(Date.parse("2026-03-01T02:00:00Z") / 1000);
    expect(value(samples, "servelink_job_last_success_timestamp_seconds", { job_name: "issue-monthly-statements" })).toBeUndefined();
    expect(value(samples, "servelink_job_allowance_seconds", { job_name: "issue-monthly-statements" })).toBe(32 * 86_400);
    expect(samples.some((s) => s.name === "process_cpu_user_seconds_total")).toBe(true);
  });

  it("without the database, says so and shows no stale gauges", async () => {
    await scrape();
    const { samples } = await scrape(null);
    expect(value(samples, "servelink_metrics_database_up")).toBe(0);
    expect(samples.filter((s) => s.name === "servelink_payments" || s.name === "servelink_projects")).toEqual([]);
    expect(value(samples, "servelink_ingest_batches_total", { outcome: "accepted" })).toBeGreaterThanOrEqual(0);
  });

  withPromtool("is text that promtool check metrics accepts", async () => {
    const { text } = await scrape();
    const r = runPromtool(["check", "metrics"], { input: text });
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("ops files", () => {
  const alerts = readFileSync(path.join(OPS, "prometheus/alerts.yml"), "utf8");
  const dashboard = JSON.parse(readFileSync(path.join(OPS, "grafana/servelink.json"), "utf8")) as {
    panels: { type: string; title: string; targets?: { expr: string }[] }[];
  };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it("refer only to series the console exposes", async () => {
    const { text } = await scrape();
    const exposed = new Set(
      [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) =>
        type === "histogram" ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!],
      ),
    );
    const used = new Set([...`${alerts}\n${exprs.join("\n")}`.matchAll(/\b(servelink_[a-z_]+|process_[a-z_]+)\b/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    // Every family has a panel.
    const families = [...text.matchAll(/^# TYPE (servelink_\S+) /gm)].map((m) => m[1]!);
    expect(families.filter((f) => !exprs.some((e) => e.includes(f)))).toEqual([]);
  });

  it("the dashboard is a Grafana dashboard with a query on each panel", () => {
    expect(dashboard).toMatchObject({ uid: "servelink-console", title: "Servelink console", schemaVersion: expect.any(Number) });
    for (const p of dashboard.panels.filter((p) => p.type !== "row")) expect(p.targets?.length, p.title).toBeGreaterThan(0);
  });

  withPromtool("promtool checks the alerts, runs their tests, and parses every panel's query", () => {
    const check = runPromtool(["check", "rules", "ops/prometheus/alerts.yml"], { cwd: root });
    expect(check.output).toContain("SUCCESS: 5 rules found");
    expect(check.status).toBe(0);
    const tests = runPromtool(["test", "rules", "alerts.test.yml"], { cwd: path.join(OPS, "prometheus") });
    expect(tests.output).toContain("SUCCESS");
    expect(tests.status).toBe(0);
    // promtool parses PromQL in rule files: the panels' queries, written as recording rules.
    const dir = mkdtempSync(path.join(tmpdir(), "servelink-dashboard-"));
    try {
      const file = path.join(dir, "panels.yml");
      const records = exprs.map((e, i) => `      - record: dashboard:q${i}\n        expr: ${JSON.stringify(e)}\n`);
      writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${records.join("")}`);
      const parsed = runPromtool(["check", "rules", file]);
      expect(parsed.output).toContain(`SUCCESS: ${exprs.length} rules found`);
      expect(parsed.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
