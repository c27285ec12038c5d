// Spec 13 as an attacker tries it, against the production build started as `npm start` starts it.
// Each test is one of the security review's findings (issue 13), and asserts the answer the spec
// gives to the attacker's request.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn, signUpOverHttp } from "../fixtures/auth";
import { ALICE, CAROL, E2E } from "../fixtures/config";
import { ingestHeaders, sameOrigin, tokenFor } from "../fixtures/tokens";

const EVIL = { origin: "https://evil.example" };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test.describe("sign-in limits", () => {
  test.describe.configure({ mode: "serial" });
  let limited: ChildProcess | undefined;
  let limitedUrl = "";

  // A second console on the same database with the production default of 3 sign-ins per 10 s (the
  // main test server turns the per-address limit off: the browser tests sign in from one address).
  test.beforeAll(async () => {
    const port = await freePort();
    limitedUrl = `http://127.0.0.1:${port}`;
    limited = spawn("node", ["server.mjs"], {
      env: { ...process.env, ...E2E.serverEnv, PORT: String(port), BASE_URL: limitedUrl, AUTH_RATE_LIMIT_MAX: "3" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${limitedUrl}/api/health/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the second console did not start");
  });
  test.afterAll(() => {
    limited?.kill("SIGTERM");
  });

  test("a client that writes a new X-Forwarded-For on each attempt is limited all the same (sign-in and sign-up)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${limitedUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: limitedUrl, "x-forwarded-for": `198.51.100.${i + 1}` },
        body: JSON.stringify({ email: `nobody-${i}@example.com`, password: "wrong-password-1" }),
      });
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);

    const signUps: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${limitedUrl}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: limitedUrl, "x-forwarded-for": `203.0.113.${i + 1}` },
        body: JSON.stringify({ email: `flood-${Date.now()}-${i}@example.com`, password: "a-long-password-1", name: "Flood" }),
      });
      signUps.push(res.status);
    }
    expect(signUps.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  test("10 failures block an address for 15 minutes, the right password too; an unknown address answers exactly alike", async ({ request }) => {
    const { email, password } = await signUpOverHttp(request, "lockout");
    const unknown = `never-signed-up-${Date.now()}@example.com`;
    const attempt = (address: string, pass: string) =>
      request.post("/api/auth/sign-in/email", { headers: { origin: E2E.baseURL }, data: { email: address, password: pass } });
    for (const address of [email, unknown]) {
      const wrong: { status: number; body: unknown }[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await attempt(address, `wrong-password-${i}`);
        wrong.push({ status: res.status(), body: await res.json() });
      }
      expect(wrong.map((w) => w.status)).toEqual(Array(10).fill(401));
      const blocked = await attempt(address, address === email ? password : "any-password-1");
      expect(blocked.status()).toBe(429);
      expect(await blocked.json()).toEqual({
        code: "too_many_attempts",
        message: expect.stringMatching(/^Too many failed sign-ins for this address\. Try again in \d+ min\.$/),
      });
    }
    // A known and an unknown address got the same first answer (no hint of which exist).
    const known = await (await attempt(`other-${Date.now()}@example.com`, "x-wrong-password")).json();
    expect(known).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD" });
  });
});

test("a signed-in user's ?next= never leaves the console, and odd values are no 500", async ({ page }) => {
  await signIn(page, ALICE);
  for (const path of ["/sign-in", "/sign-up"]) {
    for (const next of ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/", "/%0a/x"]) {
      const res = await page.goto(`${path}?next=${next}`);
      expect(res?.status(), `${path}?next=${next}`).toBeLessThan(500);
      expect(new URL(page.url()).origin, `${path}?next=${next}`).toBe(E2E.baseURL);
    }
  }
});

test("the sandbox in production takes only its own key, never the public development one", async ({ request }) => {
  const res = await request.post("/api/sandbox/v1/payments/initiate", {
    headers: { "x-api-key": "sandbox-api-key", "content-type": "application/json" },
    data: {
      payment_id: "pay_x",
      amount: 3,
      currency: "EUR",
      payment_method: "mobile_money",
      callback_url: "https://evil.example/hook",
      return_url: "https://evil.example/",
    },
  });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthorized");
});

test.describe("cross-site requests with the session cookie", () => {
  test("a text/plain post from another origin creates nothing and cancels nothing; the console's own JSON call works", async ({ page }) => {
    await signIn(page, ALICE);
    const subject = `Cross-site ${Date.now()}`;
    const forged = await page.request.post("/api/support/acme/tickets", {
      headers: { ...EVIL, "content-type": "text/plain" },
      data: JSON.stringify({ subject, description: "planted" }),
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error).toMatchObject({ code: "cross_site_request" });
    const sameSiteText = await page.request.post("/api/support/acme/tickets", {
      headers: { origin: E2E.baseURL, "content-type": "text/plain" },
      data: JSON.stringify({ subject, description: "x" }),
    });
    expect(sameSiteText.status()).toBe(403);

    const started = await page.request.post("/api/payments/acme/initiate", {
      headers: sameOrigin,
      data: { payment_method: "mobile_money", payer_phone: "+225 07 07 12 34 56", operator: "orange_money" },
    });
    expect(started.status()).toBe(200);
    const paymentId = (await started.json()).payment_id as string;
    const cancel = await page.request.post(`/api/payments/${paymentId}/cancel`, { headers: { ...EVIL, "content-type": "text/plain" }, data: "{}" });
    expect(cancel.status()).toBe(403);
    const trpc = await page.request.post("/api/trpc/tickets.create", {
      headers: { ...EVIL, "content-type": "application/json" },
      data: { json: { team: "acme", subject, description: "planted" } },
    });
    expect(trpc.status()).toBe(403);

    const tickets = await page.request.get("/api/support/acme/tickets");
    expect(JSON.stringify(await tickets.json())).not.toContain(subject);
    const status = await page.request.get(`/api/payments/${paymentId}/status`);
    expect((await status.json()).status).toBe("pending");

    const own = await page.request.post("/api/support/acme/tickets", { headers: sameOrigin, data: { subject, description: "From the console itself." } });
    expect(own.status()).toBe(201);
    expect((await page.request.post(`/api/payments/${paymentId}/cancel`, { headers: sameOrigin, data: {} })).status()).toBe(200);
  });
});

test("a NUL character is a 400 that names the field, on REST bodies, path parameters, tRPC and ingest", async ({ request }) => {
  const alice = { authorization: `Bearer ${await tokenFor(ALICE)}` };
  const expect400 = async (res: Awaited<ReturnType<APIRequestContext["get"]>>, field: string) => {
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { error?: { message?: string; json?: { message?: string } } };
    const message = body.error?.message ?? body.error?.json?.message;
    expect(message).toBe(`${field}: must not contain a NUL character (\\u0000)`);
  };
  await expect400(await request.post("/api/support/acme/tickets", { headers: alice, data: { subject: "Hello\u0000", description: "x" } }), "subject");
  await expect400(await request.get("/api/usage/acme%00/summary", { headers: alice }), "team");
  await expect400(await request.get("/api/support/acme/tickets/tkt_%00x", { headers: alice }), "id");
  await expect400(
    await request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [{ project_id: "prj_\u0000", bytes: 1 }] } }),
    "events.0.project_id",
  );
  await expect400(
    await request.post("/api/trpc/tickets.create", { headers: alice, data: { json: { team: "acme", subject: "ok subject", description: "bad\u0000" } } }),
    "description",
  );
  const input = encodeURIComponent(JSON.stringify({ json: { team: "ac\u0000me" } }));
  await expect400(await request.get(`/api/trpc/usage.summary?input=${input}`, { headers: alice }), "team");
});

test("REST bodies are strict, and a staff note sent through REST stays a note", async ({ request }) => {
  const alice = { authorization: `Bearer ${await tokenFor(ALICE)}` };
  const carol = { authorization: `Bearer ${await tokenFor(CAROL)}` };
  const unknown = await request.post("/api/support/acme/tickets", { headers: alice, data: { subject: "Strict body", description: "x", priority_boost: true } });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error).toEqual({ code: "invalid_request", message: "priority_boost: is not a field of this request" });

  const created = await request.post("/api/support/acme/tickets", {
    headers: alice,
    data: { subject: `Note over REST ${Date.now()}`, description: "Please look." },
  });
  const ticketId = (await created.json()).ticket_id as string;
  const note = await request.post(`/api/support/acme/tickets/${ticketId}/messages`, {
    headers: carol,
    data: { message: "Internal: customer on a reseller plan", is_internal: true },
  });
  expect(note.status()).toBe(201);
  expect(await note.json()).toMatchObject({ author_type: "support", is_internal: true, ticket_status: "open" });
  const seen = await (await request.get(`/api/support/acme/tickets/${ticketId}`, { headers: alice })).json();
  expect(JSON.stringify(seen)).not.toContain("reseller plan");
  const byMember = await request.post(`/api/support/acme/tickets/${ticketId}/messages`, { headers: alice, data: { message: "sneaky", is_internal: true } });
  expect(byMember.status()).toBe(403);
  expect((await byMember.json()).error.code).toBe("staff_only");
  const misspelt = await request.post(`/api/support/acme/tickets/${ticketId}/messages`, { headers: carol, data: { message: "x", internal: true } });
  expect(misspelt.status()).toBe(400);
  expect((await misspelt.json()).error.message).toBe("internal: is not a field of this request");
});

test("the docs' assets are files, not object members", async ({ request }) => {
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    expect((await request.get(`/docs/assets/${name}`)).status(), name).toBe(404);
  }
  expect((await request.get("/docs/assets/swagger-ui.css")).status()).toBe(200);
});

test("tRPC calls are rate limited per user, not only REST", async ({ request }) => {
  test.setTimeout(120_000);
  const { email } = await signUpOverHttp(request, "trpclimit");
  const token = { authorization: `Bearer ${await tokenFor(email)}` };
  let limited = false;
  // The tRPC budget is 3,000 calls a minute per user by default.
  for (let sent = 0; sent < 3_100 && !limited; sent += 100) {
    const batch = await Promise.all(Array.from({ length: 100 }, () => request.get("/api/trpc/teams.list", { headers: token })));
    limited = batch.some((r) => r.status() === 429);
  }
  expect(limited).toBe(true);
});

test("npm start refuses production with INNGEST_DEV (which lets anyone run any job unsigned) or a made-up clock, and says why", async () => {
  for (const [extra, said] of [
    [{ INNGEST_DEV: "1" }, /refusing to start: INNGEST_DEV is set in production/],
    [{ INNGEST_DEV: "0" }, /refusing to start: INNGEST_DEV is set in production/],
    [{ SERVELINK_FAKE_NOW: "2030-01-01T00:00:00Z", SERVELINK_TEST_CLOCK: "0" }, /refusing to start: SERVELINK_FAKE_NOW is set in production/],
  ] as const) {
    const child = spawn("node", ["server.mjs"], {
      env: { ...process.env, ...E2E.serverEnv, PORT: String(await freePort()), ...extra },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(said);
  }
});
