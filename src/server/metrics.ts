/**
 * The console's Prometheus metrics (spec 17), served by GET /api/metrics. One registry per
 * process, kept on globalThis: Next bundles a copy of this module into each route, and they must
 * all count into the same registry. Every label holds a word from a bounded set (a route template,
 * an HTTP status, a provider, a method, an outcome), never a team, an id or a URL. Recording never
 * throws into a request: a failure to count is logged once and forgotten.
 *
 * Framework-free (a service records the time to a payment's final state): no next, no env.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { TMetricsSnapshot } from "@/server/services/metrics/metrics-snapshot";
import { logError, noteRoute } from "@/server/log";

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
// From a payment page's first seconds to a Mobile Money approval that comes hours later.
const PAYMENT_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 6 * 3600, 24 * 3600];

/** What became of an ingest batch: counted (accepted, replayed) or refused, by the answer's status. */
export const INGEST_BATCH_OUTCOMES = ["accepted", "replayed", "unauthorized", "invalid", "conflict", "error"] as const;
export type TIngestBatchOutcome = (typeof INGEST_BATCH_OUTCOMES)[number];
/** What became of an event of a counted batch: accepted, or the reason it was rejected (record-traffic.ts). */
export const INGEST_EVENT_OUTCOMES = ["accepted", "unknown_project", "too_old", "in_future"] as const;
export type TIngestEventOutcome = (typeof INGEST_EVENT_OUTCOMES)[number];

export const WEBHOOK_PROVIDERS = ["payment_backend", "stripe"] as const;
export type TWebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];
/** A delivery's outcome as the route sees it (webhook-outcome.ts): taken, the refusal's word, or `error` for a crash. */
export const WEBHOOK_DELIVERY_OUTCOMES = [
  "applied",
  "unchanged",
  "duplicate",
  "ignored",
  "invalid_signature",
  "invalid_request",
  "unknown_payment",
  "amount_mismatch",
  "payment_mismatch",
  "status_unavailable",
  "error",
] as const;
export type TWebhookDeliveryOutcome = (typeof WEBHOOK_DELIVERY_OUTCOMES)[number];

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Gauges named like counters, which promtool's lint refuses; nodejs_active_{handles,requests,resources} say the same by type.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
  const registers = [registry];
  const m = {
    registry,
    requestDuration: new Histogram({
      name: "servelink_http_request_duration_seconds",
      help: "Time to answer a REST, tRPC, ingest or webhook request, by route template (trpc:<procedure> for tRPC), method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: REQUEST_BUCKETS,
      registers,
    }),
    ingestBatches: new Counter({
      name: "servelink_ingest_batches_total",
      help: "Traffic batches sent to POST /api/usage/traffic, by outcome.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    ingestEvents: new Counter({
      name: "servelink_ingest_events_total",
      help: "Traffic events of counted batches, accepted or rejected by reason.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    ingestBytes: new Counter({
      name: "servelink_ingest_bytes_total",
      help: "Bytes reported by the traffic events of counted batches, accepted or rejected by reason.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "servelink_webhook_deliveries_total",
      help: "Webhook deliveries received from the payment providers, by provider and outcome.",
      labelNames: ["provider", "outcome"] as const,
      registers,
    }),
    paymentTimeToFinal: new Histogram({
      name: "servelink_payment_time_to_final_seconds",
      help: "Time from a payment's initiation to its final state (completed, failed, cancelled), by provider, method and that state.",
      labelNames: ["provider", "method", "status"] as const,
      buckets: PAYMENT_BUCKETS,
      registers,
    }),
    // Read from the database at each scrape (the same for every process on one database).
    databaseUp: new Gauge({ name: "servelink_metrics_database_up", help: "1 when this scrape read the database gauges, 0 when it could not.", registers }),
    payments: new Gauge({
      name: "servelink_payments",
      help: "Payments in the database, by provider, method and status.",
      labelNames: ["provider", "method", "status"] as const,
      registers,
    }),
    openTickets: new Gauge({
      name: "servelink_support_open_tickets",
      help: "Support tickets open, in progress or waiting, by priority.",
      labelNames: ["priority"] as const,
      registers,
    }),
    slaBreaches: new Gauge({
      name: "servelink_support_sla_breached_tickets",
      help: "Open support tickets past their first-response target (answered late or not yet answered), by priority.",
      labelNames: ["priority"] as const,
      registers,
    }),
    projects: new Gauge({ name: "servelink_projects", help: "Projects by status (suspended ones among them).", labelNames: ["status"] as const, registers }),
    // `job_name`, not `job`: Prometheus gives every scraped series a `job` label of its own.
    jobRuns: new Gauge({
      name: "servelink_job_runs",
      help: "Recorded runs of each scheduled job, by outcome (running, success, failure, skipped: another run held the job).",
      labelNames: ["job_name", "outcome"] as const,
      registers,
    }),
    jobLastSuccess: new Gauge({
      name: "servelink_job_last_success_timestamp_seconds",
      help: "When each scheduled job last started a run that succeeded (Unix time); absent for a job that never succeeded.",
      labelNames: ["job_name"] as const,
      registers,
    }),
    jobAllowance: new Gauge({
      name: "servelink_job_allowance_seconds",
      help: "How long each scheduled job may go without a success (26 h daily, 32 days monthly).",
      labelNames: ["job_name"] as const,
      registers,
    }),
  };
  // Known series start at 0: "nothing for 15 minutes" is then a flat line, not a missing one.
  for (const outcome of INGEST_BATCH_OUTCOMES) m.ingestBatches.inc({ outcome }, 0);
  for (const outcome of INGEST_EVENT_OUTCOMES) {
    m.ingestEvents.inc({ outcome }, 0);
    m.ingestBytes.inc({ outcome }, 0);
  }
  for (const provider of WEBHOOK_PROVIDERS) for (const outcome of WEBHOOK_DELIVERY_OUTCOMES) m.webhookDeliveries.inc({ provider, outcome }, 0);
  return m;
}

type TMetrics = ReturnType<typeof createMetrics>;
const store = globalThis as unknown as { __servelinkMetrics?: TMetrics; __servelinkMetricsFailed?: boolean };

function metrics(): TMetrics {
  store.__servelinkMetrics ??= createMetrics();
  return store.__servelinkMetrics;
}

/** Runs a recording; a failure is logged once per process and never reaches the request. */
function quietly(record: () => void): void {
  try {
    record();
  } catch (err) {
    if (!store.__servelinkMetricsFailed) logError("metrics: a measurement could not be recorded", err);
    store.__servelinkMetricsFailed = true;
  }
}

const methodLabel = (method: string) => (HTTP_METHODS.has(method.toUpperCase()) ? method.toUpperCase() : "OTHER");

/**
 * Records one answered request: `route` is a template (`/api/billing/[team]/balance`, `trpc:balance.get`),
 * never a URL. The request's access line (server.mjs) names the same template.
 */
export function observeRequest(route: string, method: string, status: number, seconds: number): void {
  noteRoute(route);
  quietly(() => metrics().requestDuration.observe({ route, method: methodLabel(method), status: String(status) }, seconds));
}

/**
 * Times a route handler's answer and records it under `route` (a template, or a function giving
 * one once the answer is known). A handler that throws is recorded as a 500, and its error passes on.
 */
export async function timeRequest(route: string | (() => string | Promise<string>), req: Request, run: () => Promise<Response>): Promise<Response> {
  const started = performance.now();
  let status = 500;
  try {
    const response = await run();
    status = response.status;
    return response;
  } finally {
    const seconds = (performance.now() - started) / 1000;
    try {
      observeRequest(typeof route === "string" ? route : await route(), req.method, status, seconds);
    } catch {
      // The template could not be made: the answer matters more than its measurement.
    }
  }
}

/**
 * The template of a REST path from Next's route parameters: each path segment equal to a
 * parameter's value becomes `[name]` (`/api/billing/acme/balance` with `{ team: "acme" }` →
 * `/api/billing/[team]/balance`). Should a parameter's value be nowhere in the path (an encoding
 * Next read differently), the path is not used at all: the label is `rest:unmatched`.
 */
export function restRouteTemplate(pathname: string, params: unknown): string {
  const entries = Object.entries(params && typeof params === "object" ? params : {}).filter(
    (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
  );
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const found = new Set<string>();
  const segments = pathname.split("/").map((segment) => {
    const value = decode(segment);
    const match = entries.find(([, v]) => v === value);
    if (!match) return segment;
    found.add(match[0]);
    return `[${match[0]}]`;
  });
  return found.size === entries.length ? segments.join("/") : "rest:unmatched";
}

/** Counts an ingest batch by outcome and, for a counted batch, its events and bytes, accepted or rejected by reason. */
export function countIngestBatch(outcome: TIngestBatchOutcome, events?: { bytes: number }[], rejected?: { index: number; reason: string }[]): void {
  quietly(() => {
    const m = metrics();
    m.ingestBatches.inc({ outcome });
    if (!events) return;
    const reasons = new Map((rejected ?? []).map((r) => [r.index, r.reason]));
    const tally = new Map<string, { events: number; bytes: number }>();
    events.forEach((event, index) => {
      const reason = reasons.get(index) ?? "accepted";
      const key = (INGEST_EVENT_OUTCOMES as readonly string[]).includes(reason) ? reason : "accepted";
      const t = tally.get(key) ?? { events: 0, bytes: 0 };
      t.events++;
      t.bytes += event.bytes;
      tally.set(key, t);
    });
    for (const [key, t] of tally) {
      m.ingestEvents.inc({ outcome: key }, t.events);
      m.ingestBytes.inc({ outcome: key }, t.bytes);
    }
  });
}

/** The ingest outcome of a refused batch, from its answer's status. */
export function ingestRefusal(status: number): TIngestBatchOutcome {
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 409) return "conflict";
  if (status >= 400 && status < 500) return "invalid";
  return "error";
}

/** Counts a webhook delivery by provider and outcome. */
export function countWebhookDelivery(provider: TWebhookProvider, outcome: TWebhookDeliveryOutcome): void {
  quietly(() => metrics().webhookDeliveries.inc({ provider, outcome }));
}

/** Records the time from a payment's initiation to the final state it just reached. */
export function observePaymentFinal(p: { provider: string; paymentMethod: string; status: string; createdAt: Date }, now: Date): void {
  quietly(() =>
    metrics().paymentTimeToFinal.observe(
      { provider: p.provider, method: p.paymentMethod, status: p.status },
      Math.max(0, (now.getTime() - p.createdAt.getTime()) / 1000),
    ),
  );
}

/**
 * The metrics in Prometheus' text format: this process's counters and histograms, and the
 * database's gauges from `snapshot` (null when it could not be read: `servelink_metrics_database_up 0`
 * and no database gauges, rather than stale ones).
 */
export async function renderMetrics(snapshot: TMetricsSnapshot | null): Promise<{ contentType: string; text: string }> {
  const m = metrics();
  // Reset and set in one synchronous stretch: two scrapes at once never mix their rows.
  for (const g of [m.payments, m.openTickets, m.slaBreaches, m.projects, m.jobRuns, m.jobLastSuccess, m.jobAllowance]) g.reset();
  m.databaseUp.set(snapshot ? 1 : 0);
  if (snapshot) {
    for (const p of snapshot.payments) m.payments.set({ provider: p.provider, method: p.method, status: p.status }, p.count);
    for (const t of snapshot.tickets) {
      m.openTickets.set({ priority: t.priority }, t.open);
      m.slaBreaches.set({ priority: t.priority }, t.breached);
    }
    for (const p of snapshot.projects) m.projects.set({ status: p.status }, p.count);
    for (const j of snapshot.jobs) {
      m.jobAllowance.set({ job_name: j.job }, j.allowanceSeconds);
      if (j.lastSuccessAt) m.jobLastSuccess.set({ job_name: j.job }, j.lastSuccessAt.getTime() / 1000);
      for (const [outcome, count] of Object.entries(j.runs)) m.jobRuns.set({ job_name: j.job, outcome }, count);
    }
  }
  return { contentType: m.registry.contentType, text: await m.registry.metrics() };
}
