// Outbound webhooks (spec 18.1) over REST, against the live e2e server with a real token: an endpoint
// pointing at a receiver this test starts on 127.0.0.1 (the e2e server runs with
// WEBHOOKS_ALLOW_LOOPBACK=1), its secret shown once, a test event verified with the standardwebhooks
// package, the deliveries with their attempt log, a replay, the removal; another team's endpoint a
// 404, a member's call a 403, private addresses refused.
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { createServelinkClient } from "../../src/client";
import { signUpOverHttp } from "../fixtures/auth";
import { documentedAnswers } from "../fixtures/openapi";
import { ALICE, DAVE, E2E } from "../fixtures/config";
import { tokenFor } from "../fixtures/tokens";
import { startWebhookReceiver } from "../fixtures/webhook-receiver";

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

test("an owner adds an endpoint, sees its secret once, sends a signed test event, lists and replays it, and removes the endpoint", async ({ request }) => {
  const receiver = await startWebhookReceiver();
  const check = await documentedAnswers(request);
  try {
    const { email } = await signUpOverHttp(request, "webhooks");
    const token = await tokenFor(email);
    const api = createServelinkClient({ url: E2E.baseURL, token, retries: 0 });
    const team = `wh-${Date.now().toString(36)}`;
    await api.teams.create.mutate({ name: "Webhooks team", slug: team });
    const base = `/api/webhooks/${team}`;

    // Added: the endpoint and its whsec_ secret, this once (not cached).
    const created = await request.post(`${base}/endpoints`, {
      headers: auth(token),
      data: { url: receiver.url, event_types: ["payment.completed", "ticket.created"], description: "e2e receiver" },
    });
    await check(created, "post", "/api/webhooks/{team}/endpoints", 201);
    expect(created.headers()["cache-control"]).toBe("no-store");
    const { endpoint, secret } = (await created.json()) as { endpoint: { id: string; url: string; event_types: string[]; enabled: boolean }; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    expect(endpoint).toMatchObject({ url: receiver.url, event_types: ["payment.completed", "ticket.created"], enabled: true });
    expect(endpoint.id).toMatch(/^whe_/);

    // The list shows it, never a secret.
    const listed = await request.get(`${base}/endpoints`, { headers: auth(token) });
    await check(listed, "get", "/api/webhooks/{team}/endpoints", 200);
    const listText = await listed.text();
    expect(listText).not.toContain("whsec_");
    expect(listText).not.toContain(secret.slice("whsec_".length));
    const list = JSON.parse(listText) as { endpoints: { id: string }[] };
    expect(list.endpoints.map((e) => e.id)).toEqual([endpoint.id]);
    for (const e of list.endpoints) expect(Object.keys(e).some((k) => k.includes("secret") && k !== "previous_secret_expires_at")).toBe(false);

    // A test event, delivered by the time the answer comes, verified with the public library.
    const tested = await request.post(`${base}/endpoints/${endpoint.id}/test`, { headers: auth(token) });
    await check(tested, "post", "/api/webhooks/{team}/endpoints/{id}/test", 200);
    const test1 = (await tested.json()) as { delivery_id: string; outcome: string; statusCode: number };
    expect(test1).toMatchObject({ outcome: "delivered", statusCode: 200 });
    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0]!;
    expect(first.headers["webhook-id"]).toBe(test1.delivery_id);
    const verified = new Webhook(secret).verify(first.body, first.headers) as { type: string; data: { endpoint_id: string } };
    expect(verified.type).toBe("webhook.test");
    expect(verified.data.endpoint_id).toBe(endpoint.id);
    // Another secret does not verify it.
    expect(() => new Webhook("whsec_" + Buffer.from("not-the-secret-0123456789abcdef").toString("base64")).verify(first.body, first.headers)).toThrow();

    // The deliveries: the test one, delivered, with its attempt.
    const deliveries = async () => {
      const res = await request.get(`${base}/deliveries?endpoint_id=${endpoint.id}`, { headers: auth(token) });
      await check(res, "get", "/api/webhooks/{team}/deliveries", 200);
      const text = await res.text();
      expect(text).not.toContain("whsec_");
      return (
        JSON.parse(text) as {
          deliveries: { id: string; event_type: string; status: string; attempts: number; attempt_log: { status_code: number | null }[] }[];
        }
      ).deliveries;
    };
    const before = await deliveries();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ id: test1.delivery_id, event_type: "webhook.test", status: "delivered", attempts: 1 });
    expect(before[0]!.attempt_log.map((a) => a.status_code)).toEqual([200]);
    const badQuery = await request.get(`${base}/deliveries?limit=0`, { headers: auth(token) });
    await check(badQuery, "get", "/api/webhooks/{team}/deliveries", 400);

    // A replay: the same webhook-id and body again, one more attempt in the log.
    const replayed = await request.post(`${base}/deliveries/${test1.delivery_id}/replay`, { headers: auth(token) });
    await check(replayed, "post", "/api/webhooks/{team}/deliveries/{id}/replay", 200);
    expect(await replayed.json()).toMatchObject({ delivery_id: test1.delivery_id, outcome: "delivered", statusCode: 200 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers["webhook-id"]).toBe(test1.delivery_id);
    expect(receiver.received[1]!.body).toBe(first.body);
    new Webhook(secret).verify(receiver.received[1]!.body, receiver.received[1]!.headers);
    const after = await deliveries();
    expect(after[0]).toMatchObject({ id: test1.delivery_id, status: "delivered", attempts: 2 });
    expect(after[0]!.attempt_log.map((a) => a.status_code)).toEqual([200, 200]);

    // A ticket opened over REST: its ticket.created event is written with it and sent right after the answer.
    const opened = await request.post(`/api/support/${team}/tickets`, {
      headers: auth(token),
      data: { subject: "Webhook of a ticket", description: "Opened by e2e/api/webhooks.spec.ts.", category: "technical" },
    });
    expect(opened.status(), await opened.text()).toBe(201);
    const { ticket_id } = (await opened.json()) as { ticket_id: string };
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(3);
    const ticketEvent = new Webhook(secret).verify(receiver.received[2]!.body, receiver.received[2]!.headers) as {
      type: string;
      data: { id: string; status: string };
    };
    expect(ticketEvent).toMatchObject({ type: "ticket.created", data: { id: ticket_id, status: "open" } });

    // Another team's: Alice (owner of acme) reaches none of it, through her team or this one: 404.
    const alice = await tokenFor(ALICE);
    for (const [method, path] of [
      ["delete", `/api/webhooks/acme/endpoints/${endpoint.id}`],
      ["post", `/api/webhooks/acme/endpoints/${endpoint.id}/test`],
      ["post", `/api/webhooks/acme/deliveries/${test1.delivery_id}/replay`],
      ["get", `${base}/endpoints`],
      ["get", `${base}/deliveries`],
      ["delete", `${base}/endpoints/${endpoint.id}`],
    ] as const) {
      const res = await request[method](path, { headers: auth(alice) });
      expect(res.status(), `${method} ${path}`).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, `${method} ${path}`).toBe("not_found");
    }
    expect(receiver.received).toHaveLength(3);

    // Removed: gone from the list, and a test to it is a 404 (as `servelink webhooks test` reports it).
    const removed = await request.delete(`${base}/endpoints/${endpoint.id}`, { headers: auth(token) });
    await check(removed, "delete", "/api/webhooks/{team}/endpoints/{id}", 200);
    expect(await removed.json()).toEqual({ removed: true });
    expect(((await (await request.get(`${base}/endpoints`, { headers: auth(token) })).json()) as { endpoints: unknown[] }).endpoints).toEqual([]);
    const gone = await request.post(`${base}/endpoints/${endpoint.id}/test`, { headers: auth(token) });
    await check(gone, "post", "/api/webhooks/{team}/endpoints/{id}/test", 404);
    expect(await gone.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    expect((await request.delete(`${base}/endpoints/${endpoint.id}`, { headers: auth(token) })).status()).toBe(404);
  } finally {
    await receiver.close();
  }
});

test("a member who is not an owner or admin is refused with a 403; private addresses, plain http and bad bodies with a 400", async ({ request }) => {
  // Dave is a member of acme, not an owner or admin.
  const dave = await tokenFor(DAVE);
  for (const [method, path, data] of [
    ["get", "/api/webhooks/acme/endpoints", undefined],
    ["post", "/api/webhooks/acme/endpoints", { url: "https://hooks.example.com/x", event_types: ["ticket.created"] }],
    ["get", "/api/webhooks/acme/deliveries", undefined],
    ["post", "/api/webhooks/acme/endpoints/whe_nothing/test", undefined],
    ["delete", "/api/webhooks/acme/endpoints/whe_nothing", undefined],
    ["post", "/api/webhooks/acme/deliveries/msg_nothing/replay", undefined],
  ] as const) {
    const res = await request[method](path, { headers: auth(dave), ...(data ? { data } : {}) });
    expect(res.status(), `${method} ${path}`).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("insufficient_role");
  }

  const { email } = await signUpOverHttp(request, "webhooks-guard");
  const token = await tokenFor(email);
  const api = createServelinkClient({ url: E2E.baseURL, token, retries: 0 });
  const team = `whg-${Date.now().toString(36)}`;
  await api.teams.create.mutate({ name: "Webhook guard", slug: team });
  const add = (data: unknown) => request.post(`/api/webhooks/${team}/endpoints`, { headers: auth(token), data: data as Record<string, unknown> });
  // Refused by the address rules: private, link-local (the cloud metadata address), IPv4-mapped private, plain http elsewhere than loopback.
  for (const url of [
    "https://10.0.0.1/x",
    "https://192.168.1.20/x",
    "https://169.254.169.254/latest/meta-data",
    "https://[::ffff:10.0.0.1]/x",
    "http://10.0.0.1/x",
    "ftp://127.0.0.1/x",
  ]) {
    const res = await add({ url, event_types: ["ticket.created"] });
    expect(res.status(), url).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code, url).toBe("webhook_url_refused");
    expect(body.error.message.length, url).toBeGreaterThan(10);
  }
  // Bad bodies: a field the API does not know (no secret of the caller's choosing), an unknown event type, none.
  for (const data of [
    { url: "https://hooks.example.com/x", event_types: ["ticket.created"], secret: "whsec_mine" },
    { url: "https://hooks.example.com/x", event_types: ["nope.happened"] },
    { url: "https://hooks.example.com/x", event_types: [] },
  ]) {
    const res = await add(data);
    expect(res.status(), JSON.stringify(data)).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  }
  expect(((await (await request.get(`/api/webhooks/${team}/endpoints`, { headers: auth(token) })).json()) as { endpoints: unknown[] }).endpoints).toEqual([]);
});
