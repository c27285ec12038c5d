import { expect, test, type APIRequestContext } from "@playwright/test";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parsePrometheusText, promtoolPath, runPromtool, type TSample } from "../../test/prometheus-text";
import { BOB, E2E_METRICS_TOKEN } from "../fixtures/config";
import { ingestHeaders, tokenFor } from "../fixtures/tokens";

// GET /api/metrics of the production build (METRICS_TOKEN set by e2e/fixtures/config.ts): after a
// few requests of each kind, the series are there under bounded labels only, and promtool reads the
// scrape. The other spec files run beside this one: their requests' labels are checked as well.

// Playwright runs from the repository (as fixtures/tokens.ts relies on).
const root = process.cwd();
// Local machines may lack promtool; CI installs it (.ci/run), so there it is never skipped.
const hasPromtool = !!promtoolPath() || !!process.env.CI;

/** Every route handler's template, from the app's folders: `/api/billing/[team]/balance`. */
function routeTemplates(dir = path.join(root, "src/app/api"), prefix = "/api"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeTemplates(full, `${prefix}/${name}`);
    return name === "route.ts" ? [prefix] : [];
  });
}

async function scrape(request: APIRequestContext): Promise<{ text: string; samples: TSample[] }> {
  const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  return { text, samples: parsePrometheusText(text) };
}

const find = (samples: TSample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

test.describe.configure({ mode: "serial" });

test.describe("GET /api/metrics", () => {
  test("refuses a scrape without the token or with another, as a 401 saying how to send it", async ({ request }) => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer not-the-metrics-token" },
      { authorization: `Bearer ${E2E_METRICS_TOKEN.slice(0, -1)}` },
    ]) {
      const res = await request.get("/api/metrics", { headers });
      expect(res.status()).toBe(401);
      expect(res.headers()["www-authenticate"]).toBe('Bearer realm="metrics"');
      expect(await res.json()).toEqual({
        error: { code: "invalid_metrics_token", message: "Send the metrics token as 'Authorization: Bearer <METRICS_TOKEN>'." },
      });
    }
  });

  test("after REST, tRPC, ingest and webhook requests: their series, by template and status, and the database's gauges", async ({ request }) => {
    const bob = { authorization: `Bearer ${await tokenFor(BOB)}` };
    const summary = await request.get("/api/usage/hobby/summary", { headers: bob });
    expect(summary.status()).toBe(200);
    const { team, projects } = (await summary.json()) as { team: { id: string }; projects: { id: string; slug: string }[] };
    expect((await request.get(`/api/usage/${team.id}/summary`, { headers: bob })).status()).toBe(200);
    expect((await request.get("/api/billing/hobby/balance", { headers: bob })).status()).toBe(200);
    expect((await request.get("/api/support/hobby/tickets/tkt_metrics_nothing", { headers: bob })).status()).toBe(404);
    const input = (json: unknown) => encodeURIComponent(JSON.stringify({ json }));
    expect((await request.get(`/api/trpc/teams.get?input=${input({ team: "hobby" })}`, { headers: bob })).status()).toBe(200);
    expect((await request.get(`/api/trpc/teams.get?input=${input({ team: "no-such-team-here" })}`, { headers: bob })).status()).toBe(404);
    // A procedure that does not exist is no series of its own.
    expect((await request.get("/api/trpc/nothing.here", { headers: bob })).status()).toBe(404);
    // A batch that counts nothing (an unknown project; a day long gone), and one refused.
    const blog = projects.find((p) => p.slug === "blog")!;
    const batch = await request.post("/api/usage/traffic", {
      headers: ingestHeaders,
      data: {
        events: [
          { project_id: "prj_metrics_nobody", bytes: 512 },
          { project_id: blog.id, bytes: 64, at: "2020-01-01T00:00:00Z" },
        ],
      },
    });
    expect(await batch.json()).toEqual({
      accepted: 0,
      rejected: [
        { index: 0, reason: "unknown_project" },
        { index: 1, reason: "too_old" },
      ],
    });
    expect((await request.post("/api/usage/traffic", { data: { events: [] } })).status()).toBe(401);
    expect((await request.post("/api/payments/callback", { data: { type: "payment.updated" } })).status()).toBe(401);
    expect((await request.post("/api/stripe/webhook", { data: { type: "checkout.session.completed" } })).status()).toBe(400);

    const { text, samples } = await scrape(request);
    const requests = (labels: Record<string, string>) => find(samples, "servelink_http_request_duration_seconds_count", labels) ?? 0;
    expect(requests({ route: "/api/usage/[team]/summary", method: "GET", status: "200" })).toBeGreaterThanOrEqual(2);
    expect(requests({ route: "/api/billing/[team]/balance", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
    expect(requests({ route: "/api/support/[team]/tickets/[id]", method: "GET", status: "404" })).toBeGreaterThanOrEqual(1);
    expect(requests({ route: "trpc:teams.get", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
    expect(requests({ route: "trpc:teams.get", method: "GET", status: "404" })).toBeGreaterThanOrEqual(1);
    expect(requests({ route: "/api/usage/traffic", method: "POST", status: "200" })).toBeGreaterThanOrEqual(1);
    expect(requests({ route: "/api/usage/traffic", method: "POST", status: "401" })).toBeGreaterThanOrEqual(1);
    expect(requests({ route: "/api/payments/callback", method: "POST", status: "401" })).toBeGreaterThanOrEqual(1);
    expect(requests({ route: "/api/stripe/webhook", method: "POST", status: "400" })).toBeGreaterThanOrEqual(1);
    expect(samples.filter((s) => s.labels.route?.includes("nothing"))).toEqual([]);

    expect(find(samples, "servelink_ingest_batches_total", { outcome: "accepted" })).toBeGreaterThanOrEqual(1);
    expect(find(samples, "servelink_ingest_batches_total", { outcome: "unauthorized" })).toBeGreaterThanOrEqual(1);
    expect(find(samples, "servelink_ingest_events_total", { outcome: "unknown_project" })).toBeGreaterThanOrEqual(1);
    expect(find(samples, "servelink_ingest_bytes_total", { outcome: "unknown_project" })).toBeGreaterThanOrEqual(512);
    expect(find(samples, "servelink_ingest_events_total", { outcome: "too_old" })).toBeGreaterThanOrEqual(1);
    expect(find(samples, "servelink_webhook_deliveries_total", { provider: "payment_backend", outcome: "invalid_signature" })).toBeGreaterThanOrEqual(1);
    expect(find(samples, "servelink_webhook_deliveries_total", { provider: "stripe", outcome: "invalid_signature" })).toBeGreaterThanOrEqual(1);

    // The database's gauges: the seed's projects, tickets, payments and the scheduled jobs.
    expect(find(samples, "servelink_metrics_database_up")).toBe(1);
    expect(find(samples, "servelink_projects", { status: "active" })).toBeGreaterThanOrEqual(1);
    expect(find(samples, "servelink_projects", { status: "suspended" })).toBeGreaterThanOrEqual(0);
    for (const priority of ["low", "normal", "high", "urgent"]) {
      expect(find(samples, "servelink_support_open_tickets", { priority })).toBeGreaterThanOrEqual(0);
      expect(find(samples, "servelink_support_sla_breached_tickets", { priority })).toBeGreaterThanOrEqual(0);
    }
    expect(find(samples, "servelink_job_allowance_seconds", { job_name: "issue-monthly-statements" })).toBe(32 * 86_400);
    expect(find(samples, "servelink_job_allowance_seconds", { job_name: "expire-resources" })).toBe(26 * 3600);
    expect(find(samples, "servelink_job_runs", { job_name: "expire-resources", outcome: "success" })).toBeGreaterThanOrEqual(0);
    // Payments by provider, method and status: series only once a payment exists (the other specs make them).
    expect(text).toContain("# TYPE servelink_payments gauge");

    // Bounded labels: a route is a handler's template or a procedure, every other value a word.
    const templates = new Set(routeTemplates());
    const words = /^[a-z0-9_.+-]+$/i;
    for (const s of samples.filter((x) => x.name.startsWith("servelink_"))) {
      for (const [label, value] of Object.entries(s.labels)) {
        if (label === "route") expect(templates.has(value) || /^trpc:[a-zA-Z]+(\.[a-zA-Z]+)+$|^trpc:me$/.test(value), value).toBe(true);
        else expect(value, `${s.name} ${label}`).toMatch(words);
      }
    }
    const values = samples.flatMap((s) => Object.values(s.labels));
    for (const secret of [team.id, "hobby", blog.id, "tkt_metrics_nothing", "prj_metrics_nobody", "no-such-team-here", "127.0.0.1"]) {
      expect(values.filter((v) => v.includes(secret))).toEqual([]);
    }
    expect(values.filter((v) => /\b(team|prj|tkt|pay|usr|pat)_[a-z0-9]{6,}/.test(v))).toEqual([]);
  });

  test("promtool reads a live scrape and the alerting rules", async ({ request }) => {
    test.skip(!hasPromtool, "promtool is not installed here (apt-get install prometheus); CI installs it");
    const { text } = await scrape(request);
    const metrics = runPromtool(["check", "metrics"], { input: text });
    expect(metrics.output).toBe("");
    expect(metrics.status).toBe(0);
    const rules = runPromtool(["check", "rules", "ops/prometheus/alerts.yml"], { cwd: root });
    expect(rules.output).toContain("SUCCESS: 5 rules found");
    expect(rules.status).toBe(0);
  });
});
