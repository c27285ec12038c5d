import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { ALICE, E2E } from "../fixtures/config";
import { tokenFor } from "../fixtures/tokens";

const run = promisify(execFile);

test.describe("health", () => {
  test("liveness and readiness answer 200", async ({ request }) => {
    const live = await request.get("/api/health");
    expect(live.status()).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    const ready = await request.get("/api/health/ready");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: { ok: true } } });
  });

  test("the jobs' heartbeats are their own path, with each scheduled job's allowance", async ({ request }) => {
    const res = await request.get("/api/health/jobs");
    const body = (await res.json()) as { status: string; jobs: { job: string; allowance_hours: number; state: string }[] };
    // A fresh installation: no job ran yet, which is not a failure.
    expect(res.status()).toBe(200);
    expect(body.status).toBe("ok");
    const allowance = Object.fromEntries(body.jobs.map((j) => [j.job, j.allowance_hours]));
    expect(allowance).toMatchObject({ "expire-resources": 26, "check-usage-limits": 26, "issue-monthly-statements": 768 });
    expect(allowance).not.toHaveProperty("reconcile-payment");
  });
});

test.describe("personal API tokens over HTTP", () => {
  test("a bad token gets 401 from tRPC", async ({ request }) => {
    const res = await request.get("/api/trpc/teams.list", { headers: { authorization: "Bearer pat_not-a-real-token" } });
    expect(res.status()).toBe(401);
    const body = await res.json();
    expect(body.error.json.message).toBe("The API token is invalid or has been revoked.");
    expect(JSON.stringify(body)).not.toContain("stack");
  });

  test("no credentials get 401", async ({ request }) => {
    const res = await request.get("/api/trpc/teams.list");
    expect(res.status()).toBe(401);
  });

  test("an Authorization header that is not Bearer is told the form it must take, on tRPC and REST", async ({ request }) => {
    const token = await tokenFor(ALICE);
    for (const authorization of [`Basic ${Buffer.from(`alice:${token}`).toString("base64")}`, token]) {
      const trpc = await request.get("/api/trpc/teams.list", { headers: { authorization } });
      expect(trpc.status()).toBe(401);
      expect((await trpc.json()).error.json.message).toBe("The Authorization header must be 'Bearer <token>' with a personal API token.");
      const rest = await request.get("/api/usage/acme/summary", { headers: { authorization } });
      expect(rest.status()).toBe(401);
      expect((await rest.json()).error).toEqual({
        code: "malformed_authorization",
        message: "The Authorization header must be 'Bearer <token>' with a personal API token.",
      });
    }
  });

  test("npm run token prints a token that lists alice's teams, and the typed client example prints them", async ({ request }) => {
    const token = await tokenFor(ALICE);
    expect(token).toMatch(/^pat_/);
    const res = await request.get("/api/trpc/teams.list", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    const teams = (await res.json()).result.data.json as { slug: string; role: string; plan: string }[];
    expect(teams).toEqual([expect.objectContaining({ slug: "acme", name: "Acme", role: "owner", plan: "pay_as_you_go" })]);

    const { stdout } = await run("npx", ["tsx", "scripts/example-client.ts"], {
      env: { ...process.env, SERVELINK_URL: E2E.baseURL, SERVELINK_TOKEN: token },
    });
    expect(stdout).toContain("alice@demo.servelink.dev belongs to 1 team(s):");
    expect(stdout).toMatch(/- acme\tAcme\towner\tPro/);
  });

  test("a non-member's token gets 404 for another team", async ({ request }) => {
    const token = await tokenFor("bob@demo.servelink.dev");
    const input = encodeURIComponent(JSON.stringify({ json: { team: "acme" } }));
    const res = await request.get(`/api/trpc/teams.get?input=${input}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(404);
    expect((await res.json()).error.json.message).toBe("Team not found.");
  });
});
