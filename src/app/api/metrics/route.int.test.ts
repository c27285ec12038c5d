import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, testDatabaseUrl } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { parsePrometheusText } from "../../../../test/prometheus-text";
import type { DbHandle } from "@/server/db/client";
import { createApiToken } from "@/server/services/tokens/api-tokens";

/*
 * GET /api/metrics through its real handler, and the REST and tRPC handlers it measures, on this
 * file's database. The environment module reads METRICS_TOKEN when it loads: each case loads the
 * route afresh (the registry and the database handle live on globalThis and stay).
 */

const TOKEN = "metrics-token-of-this-test-0123";
let h: DbHandle;

async function loadMetricsRoute(token: string | undefined) {
  vi.resetModules();
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  return (await import("@/app/api/metrics/route")).GET;
}

const scrapeWith = async (authorization?: string) => {
  const GET = await loadMetricsRoute(TOKEN);
  return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
};

beforeAll(async () => {
  // Vite sets BASE_URL to "/" for its own use: the console's is a URL.
  process.env.DATABASE_URL = await testDatabaseUrl();
  process.env.BASE_URL = "http://localhost:3000";
  h = await openTestDb(2);
});
afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  const { getDbHandle } = await import("@/server/db-config");
  await (await getDbHandle()).close();
  await h.close();
});

describe("GET /api/metrics", () => {
  it("is a 404 while METRICS_TOKEN is unset, whatever is sent", async () => {
    const GET = await loadMetricsRoute(undefined);
    const res = await GET(new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
  });

  it("is a 401 without the token or with another one", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", `Basic ${btoa(`x:${TOKEN}`)}`, `Bearer ${TOKEN}x`]) {
      const res = await scrapeWith(authorization);
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await res.json()).toEqual({
        error: { code: "invalid_metrics_token", message: "Send the metrics token as 'Authorization: Bearer <METRICS_TOKEN>'." },
      });
    }
  });

  it("with it: Prometheus text, requests under their templates, no slug or id in any label", async () => {
    const { team, owner } = await insertTeam(h);
    const { token } = await createApiToken(h.db, { userId: owner.id, name: "metrics test" });
    const auth = { authorization: `Bearer ${token}` };
    const profile = (await import("@/app/api/billing/[team]/profile/route")).GET as (
      req: Request,
      route: { params: Promise<{ team: string }> },
    ) => Promise<Response>;
    for (const ref of [team.slug, team.id]) {
      const res = await profile(new Request(`http://localhost/api/billing/${ref}/profile`, { headers: auth }), { params: Promise.resolve({ team: ref }) });
      expect(res.status).toBe(200);
    }
    const missing = await profile(new Request("http://localhost/api/billing/nobody-here/profile", { headers: auth }), {
      params: Promise.resolve({ team: "nobody-here" }),
    });
    expect(missing.status).toBe(404);
    const trpc = (await import("@/app/api/trpc/[trpc]/route")).GET;
    const input = encodeURIComponent(JSON.stringify({ 0: { json: { team: team.slug } }, 1: { json: null } }));
    const batch = await trpc(new Request(`http://localhost/api/trpc/teams.get,me?batch=1&input=${input}`, { headers: auth }));
    expect(batch.status).toBe(200);

    const res = await scrapeWith(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(await res.text());
    const count = (labels: Record<string, string>) =>
      samples.find((s) => s.name === "servelink_http_request_duration_seconds_count" && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(count({ route: "/api/billing/[team]/profile", method: "GET", status: "200" })).toBe(2);
    expect(count({ route: "/api/billing/[team]/profile", method: "GET", status: "404" })).toBe(1);
    expect(count({ route: "trpc:teams.get", method: "GET", status: "200" })).toBe(1);
    expect(count({ route: "trpc:me", method: "GET", status: "200" })).toBe(1);
    expect(samples.find((s) => s.name === "servelink_metrics_database_up")?.value).toBe(1);
    expect(samples.find((s) => s.name === "servelink_projects" && s.labels.status === "active")?.value).toBeGreaterThanOrEqual(1);

    const values = samples.flatMap((s) => Object.values(s.labels));
    for (const secret of [team.slug, team.id, owner.id, "nobody-here", "localhost", "http"]) {
      expect(values.filter((v) => v.includes(secret))).toEqual([]);
    }
  });
});
