// /api/inngest as an Inngest server calls it. No Inngest server runs here (its dev server downloads
// a binary): this test plays that server's part, signing requests the way it does (HMAC-SHA256 of
// the body and a timestamp with INNGEST_SIGNING_KEY, the SDK's own scheme), against the real route
// module of the app in cloud (production) mode. Elsewhere @inngest/test's in-process engine stands
// in for the server.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDatabaseUrl } from "../test/db";
import { canonicalJson, inngestSignature } from "../test/inngest-request";
import type { DbHandle } from "../src/server/db/client";
import { jobRun } from "../src/server/db/schema";

const SIGNING_KEY = `signkey-test-${randomBytes(32).toString("hex")}`;
let h: DbHandle;
let route: typeof import("../src/app/api/inngest/route");

beforeAll(async () => {
  // The route reads its configuration when loaded, as the app does at start.
  process.env.DATABASE_URL = await testDatabaseUrl();
  process.env.INNGEST_SIGNING_KEY = SIGNING_KEY;
  process.env.BASE_URL = "http://127.0.0.1:3000"; // vitest sets BASE_URL to Vite's "/"
  process.env.AUTH_SECRET = "inngest-route-test-secret-0123456789abcdef";
  delete process.env.INNGEST_DEV;
  process.env.SERVELINK_TEST_CLOCK = "1"; // a test of production mode: CI also runs it under SERVELINK_FAKE_NOW
  (process.env as Record<string, string>).NODE_ENV = "production";
  route = await import("../src/app/api/inngest/route");
  h = await openTestDb(2);
});
afterAll(async () => {
  await h.close();
});

const sign = (body: string, at?: number) => inngestSignature(SIGNING_KEY, body, at);

const runRequest = (body: string, signature?: string) =>
  new Request("http://127.0.0.1:3000/api/inngest?fnId=servelink-console-expire-resources&stepId=step", {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) },
    body,
  });

const runs = () => h.db.select().from(jobRun).where(eq(jobRun.job, "expire-resources"));

describe("/api/inngest in production", () => {
  const body = canonicalJson({
    event: { name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 5 * * *" }, ts: Date.now() },
    events: [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 0 5 * * *" }, ts: Date.now() }],
    steps: {},
    version: 2,
    ctx: { run_id: `run_${randomBytes(6).toString("hex")}`, attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: 0 } },
  });

  it("refuses an unsigned call to run a job, and a wrongly signed one; nothing runs", async () => {
    const unsigned = await route.POST(runRequest(body) as never, undefined as never);
    expect(unsigned.status).toBe(401);
    const forged = await route.POST(runRequest(body, sign(body).replace(/s=[0-9a-f]{4}/, "s=0000")) as never, undefined as never);
    expect(forged.status).toBe(401);
    const stale = await route.POST(runRequest(body, sign(body, Math.round(Date.now() / 1000) - 600)) as never, undefined as never);
    expect(stale.status).toBe(401);
    expect(await runs()).toEqual([]);
  });

  it("runs the job for a call signed with the signing key: its first step writes the run's heartbeat", async () => {
    const res = await route.POST(runRequest(body, sign(body)) as never, undefined as never);
    expect([200, 206]).toContain(res.status);
    const started = await runs();
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ job: "expire-resources" });
  });
});
