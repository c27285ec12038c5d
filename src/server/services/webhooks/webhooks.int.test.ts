import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertUser, openTestDb } from "../../../../test/db";
import { insertTeam } from "../../../../test/fixtures";
import { clock } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { DbHandle } from "@/server/db/client";
import { notification, payment, teamMember, webhookAttempt, webhookDelivery, webhookEndpoint } from "@/server/db/schema";
import { applyPaymentUpdate } from "@/server/services/payments/payment-state";
import { getTeamAccess } from "@/server/services/teams/teams";
import { attemptDelivery, deliverDue, deliverRightAway, enqueueEvent, listDeliveries, replayDelivery, sendTestEvent } from "./delivery";
import { addEndpoint, listEndpoints, removeEndpoint, rotateSecret } from "./endpoints";
import { checkWebhookUrl, classifyAddress } from "./url-guard";
import { runDeliverWebhooks } from "../../../../inngest/functions/deliver-webhooks";
import { createContextInner, type TSessionUser } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { createCallerFactory } from "@/server/api/trpc";

const callerFor = (user: TSessionUser) => createCallerFactory(appRouter)(createContextInner({ db: h.db, user }));

let h: DbHandle;
const T0 = new Date("2027-02-27T22:30:00Z"); // a fixed day: tests pass whatever the calendar says

interface TReceived {
  id: string;
  host: string;
  signature: string;
  body: string;
  /** Whether the body verified with each of `receiver.secrets`, in order. */
  verified: boolean[];
}

/** A receiver on 127.0.0.1 answering `plan` in turn (then the last forever), verifying every delivery with the public library. */
function startReceiver() {
  const state = { plan: [200] as number[], secrets: [] as string[], received: [] as TReceived[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = {
        "webhook-id": String(req.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
      };
      // The library checks the timestamp against Date.now(); the console runs on the test's clock.
      const realNow = Date.now;
      const offset = clock.offsetMs();
      Date.now = () => realNow() + offset;
      const verified = state.secrets.map((s) => {
        try {
          new Webhook(s).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      Date.now = realNow;
      state.received.push({ id: headers["webhook-id"], host: String(req.headers.host), signature: headers["webhook-signature"], body, verified });
      const status = state.plan.length > 1 ? state.plan.shift()! : state.plan[0]!;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : `boom ${"x".repeat(2000)}`);
    });
  });
  return new Promise<{ url: string; port: number; state: typeof state; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ url: `http://127.0.0.1:${port}/hook`, port, state, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_LOOPBACK = "1";
  h = await openTestDb(4);
  receiver = await startReceiver();
});
afterAll(async () => {
  delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
  clock.reset();
  await receiver.close();
  await h.close();
});
afterEach(async () => {
  // Each test's deliveries are its own: what one leaves pending is not sent in the next.
  await h.db.update(webhookDelivery).set({ status: "abandoned", nextAttemptAt: null }).where(eq(webhookDelivery.status, "pending"));
  receiver.state.plan = [200];
  receiver.state.secrets = [];
  receiver.state.received = [];
});

async function ownerTeam() {
  const { team, owner } = await insertTeam(h);
  const access = await getTeamAccess(h.db, { teamRef: team.id, userId: owner.id, globalRole: "user" });
  return { team, owner, access };
}

/** Within a second of `at` (the clock runs on while a test runs). */
function expectNear(value: Date | null | undefined, at: Date | number) {
  expect(value).toBeInstanceOf(Date);
  expect(Math.abs(value!.getTime() - new Date(at).getTime())).toBeLessThan(1000);
}

async function attemptsOf(deliveryId: string) {
  return h.db.select().from(webhookAttempt).where(eq(webhookAttempt.deliveryId, deliveryId)).orderBy(webhookAttempt.at);
}

describe("outbound webhooks: deliveries", () => {
  it("500 twice then 200: three attempts, one webhook-id, each signed (first and 5-second retry right away, the third by the job 5 minutes later)", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    const { endpoint, secret } = await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["payment.completed"], userId: owner.id });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiver.state.secrets = [secret];
    receiver.state.plan = [500, 500, 200];

    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "payment.completed", { payment_id: "pay_1", status: "completed" }));
    const right = await deliverRightAway(h.db, team.id, { wait: async (ms) => clock.set(clock.nowMs() + ms) });
    expect(right).toEqual({ attempted: 1, retried: 1, delivered: 0 });
    const [d] = await h.db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, endpoint.id));
    expect(d).toMatchObject({ status: "pending", attempts: 2 });
    // Due 5 minutes after the second attempt: not a minute before.
    expect((await deliverDue(h.db, new Date(clock.nowMs() + 4 * 60_000))).due).toBe(0);
    clock.set(clock.nowMs() + 5 * 60_000);
    expect(await deliverDue(h.db, clock.now())).toMatchObject({ due: 1, delivered: 1 });

    const log = await attemptsOf(d!.id);
    expect(log.map((a) => a.statusCode)).toEqual([500, 500, 200]);
    expect(log[0]!.responseBody!.length).toBeLessThanOrEqual(1024);
    expect(log[0]!.responseBody).toMatch(/^boom x+$/);
    expect(log[2]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.state.received.map((r) => r.id)).toEqual([d!.id, d!.id, d!.id]);
    expect(receiver.state.received.every((r) => r.verified[0] === true)).toBe(true);
    const body = JSON.parse(receiver.state.received[0]!.body) as { type: string; timestamp: string; data: unknown };
    expect(body).toMatchObject({ type: "payment.completed", data: { payment_id: "pay_1", status: "completed" } });
    expectNear(new Date(body.timestamp), T0);
    const [after] = await h.db.select().from(webhookDelivery).where(eq(webhookDelivery.id, d!.id));
    expect(after).toMatchObject({ status: "delivered", attempts: 3, nextAttemptAt: null });

    // The deliveries and their log, as the API will show them; replay sends it once more, same id.
    const [listed] = await listDeliveries(h.db, access);
    expect(listed).toMatchObject({ id: d!.id, status: "delivered", attempts: 3 });
    expect(listed!.attempt_log.map((a) => a.status_code)).toEqual([500, 500, 200]);
    expect(await replayDelivery(h.db, access, d!.id)).toMatchObject({ outcome: "delivered", attempts: 4 });
    expect(receiver.state.received.at(-1)!.id).toBe(d!.id);
  });

  it("follows Svix's schedule, then abandons", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    const { endpoint } = await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["payment.failed"], userId: owner.id });
    receiver.state.plan = [503];
    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "payment.failed", { payment_id: "pay_2" }));
    const [d] = await h.db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, endpoint.id));
    const gaps: number[] = [];
    let at = clock.nowMs();
    for (let i = 0; i < 8; i++) {
      const r = await attemptDelivery(h.db, d!.id, { now: new Date(at) });
      if (r.outcome === "retry") {
        gaps.push(r.nextAttemptAt.getTime() - at);
        at = r.nextAttemptAt.getTime();
      } else {
        expect(r).toMatchObject({ outcome: "abandoned", attempts: 8 });
      }
    }
    expect(gaps).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect((await h.db.select().from(webhookDelivery).where(eq(webhookDelivery.id, d!.id)))[0]).toMatchObject({ status: "abandoned", nextAttemptAt: null });
  });

  it("the outbox: a rolled-back change leaves no delivery; a committed one whose process died before sending is delivered by the job", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    const { endpoint, secret } = await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["ticket.created", "payment.completed"], userId: owner.id });
    receiver.state.secrets = [secret];
    await expect(
      h.db.transaction(async (tx) => {
        expect(await enqueueEvent(tx, team.id, "ticket.created", { id: "tkt_1" })).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow(/change failed/);
    expect(await h.db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, endpoint.id))).toHaveLength(0);
    // Not subscribed: nothing written.
    expect(await h.db.transaction((tx) => enqueueEvent(tx, team.id, "balance.low", {}))).toBe(0);

    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "ticket.created", { id: "tkt_2" }));
    // …and the process "dies": no right-away attempt. The job, a minute later, sends it.
    clock.set(T0.getTime() + 60_000);
    const run = await runDeliverWebhooks({ getDb: async () => h.db, docker: () => ({}) as never, now: () => clock.now() }, { run: (_id, fn) => fn() });
    expect(run).toMatchObject({ due: 1, delivered: 1 });
    expect((await h.db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, endpoint.id)))[0]).toMatchObject({
      status: "delivered",
      attempts: 1,
    });
    expect(receiver.state.received).toHaveLength(1);
    expect(receiver.state.received[0]!.verified).toEqual([true]);
    expect(JSON.parse(receiver.state.received[0]!.body)).toMatchObject({ type: "ticket.created", data: { id: "tkt_2" } });
  });

  it("a rotated secret: both signatures during the 24-hour overlap, the old one no longer after", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    const { endpoint, secret: oldSecret } = await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["usage.warning"], userId: owner.id });
    const { secret: newSecret, endpoint: rotated } = await rotateSecret(h.db, access, endpoint.id);
    expect(newSecret).not.toBe(oldSecret);
    expectNear(rotated.previous_secret_expires_at, T0.getTime() + 86_400_000);
    receiver.state.secrets = [oldSecret, newSecret];

    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "usage.warning", { metric: "traffic" }));
    await deliverDue(h.db, clock.now());
    expect(receiver.state.received[0]!.verified).toEqual([true, true]);
    expect(receiver.state.received[0]!.signature.split(" ")).toHaveLength(2);

    clock.set(T0.getTime() + 86_400_000 + 60_000);
    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "usage.warning", { metric: "traffic" }));
    await deliverDue(h.db, clock.now());
    expect(receiver.state.received[1]!.verified).toEqual([false, true]);
    expect(receiver.state.received[1]!.signature.split(" ")).toHaveLength(1);
    expect((await listEndpoints(h.db, access))[0]!.previous_secret_expires_at).toBeNull();
  });

  it("an endpoint failing for 5 days straight is disabled, its pending deliveries failed, and the team told", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    const { endpoint } = await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["project.suspended"], userId: owner.id });
    receiver.state.plan = [500];
    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "project.suspended", { project_id: "prj_1" }));
    await deliverDue(h.db, clock.now());
    const [failing] = await listEndpoints(h.db, access);
    expect(failing!.enabled).toBe(true);
    expectNear(failing!.failing_since, T0);

    // Four days and 23 hours later, still failing: still enabled.
    clock.set(T0.getTime() + 5 * 86_400_000 - 3_600_000);
    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "project.suspended", { project_id: "prj_2" }));
    await deliverDue(h.db, clock.now());
    expect((await listEndpoints(h.db, access))[0]!.enabled).toBe(true);

    clock.set(T0.getTime() + 5 * 86_400_000 + 2_000);
    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "project.suspended", { project_id: "prj_3" }));
    await deliverDue(h.db, clock.now());
    const [ep] = await listEndpoints(h.db, access);
    expect(ep!.enabled).toBe(false);
    expectNear(ep!.disabled_at, clock.now());
    const notes = await h.db
      .select()
      .from(notification)
      .where(and(eq(notification.teamId, team.id), eq(notification.kind, "webhook.disabled")));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.data).toMatchObject({ endpoint_id: endpoint.id, days: 5 });
    const statuses = await h.db.select({ status: webhookDelivery.status }).from(webhookDelivery).where(eq(webhookDelivery.endpointId, endpoint.id));
    expect(statuses.map((s) => s.status).sort()).toEqual(["failed", "failed", "failed"]);
    // A disabled endpoint gets no new events.
    expect(await h.db.transaction((tx) => enqueueEvent(tx, team.id, "project.suspended", {}))).toBe(0);
  });

  it("a success in between starts the 5 days again", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["ticket.replied"], userId: owner.id });
    for (const [days, answer] of [
      [0, 500],
      [3, 200],
      [6, 500],
    ] as const) {
      receiver.state.plan = [answer];
      clock.set(T0.getTime() + days * 86_400_000);
      await h.db.transaction((tx) => enqueueEvent(tx, team.id, "ticket.replied", { days }));
      await deliverDue(h.db, clock.now());
    }
    const [ep] = await listEndpoints(h.db, access);
    expect(ep!.enabled).toBe(true);
    expectNear(ep!.failing_since, T0.getTime() + 6 * 86_400_000);
  });

  it("a test event goes to the endpoint whatever it subscribed to; another team's endpoint and delivery are not found", async () => {
    clock.set(T0);
    const { owner, access } = await ownerTeam();
    const { endpoint, secret } = await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["balance.low"], userId: owner.id });
    receiver.state.secrets = [secret];
    const sent = await sendTestEvent(h.db, access, endpoint.id);
    expect(sent).toMatchObject({ outcome: "delivered", attempts: 1 });
    expect(JSON.parse(receiver.state.received[0]!.body)).toMatchObject({ type: "webhook.test", data: { endpoint_id: endpoint.id } });
    expect(receiver.state.received[0]!.verified).toEqual([true]);

    const other = await ownerTeam();
    await expect(sendTestEvent(h.db, other.access, endpoint.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(replayDelivery(h.db, other.access, sent.delivery_id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rotateSecret(h.db, other.access, endpoint.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeEndpoint(h.db, other.access, endpoint.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listDeliveries(h.db, other.access)).toEqual([]);
    expect(await removeEndpoint(h.db, access, endpoint.id)).toEqual({ removed: true });
    expect(await listEndpoints(h.db, access)).toEqual([]);
  });

  it("connects to the address that was checked: a name resolved once, the Host header kept", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    let lookups = 0;
    const lookup = async () => {
      lookups++;
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const url = `http://hooks.example.test:${receiver.port}/hook`;
    await addEndpoint(h.db, access, { url, eventTypes: ["addon.expired"], userId: owner.id }, { lookup });
    await h.db.transaction((tx) => enqueueEvent(tx, team.id, "addon.expired", {}));
    await deliverDue(h.db, clock.now(), { lookup });
    expect(receiver.state.received[0]!.host).toBe(`hooks.example.test:${receiver.port}`);
    expect(lookups).toBe(2); // once when added, once for the attempt (never again by the HTTP client)
  });

  it("a payment's completion and failure write their events in the transaction that moves the payment", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    const { endpoint } = await addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["payment.completed", "payment.failed"], userId: owner.id });
    const pay = async () => {
      const id = newId("pay");
      await h.db.insert(payment).values({ id, teamId: team.id, purpose: "top_up", amountMinor: 500, paymentMethod: "mobile_money", status: "pending" });
      return id;
    };
    const failed = await pay();
    await applyPaymentUpdate(h.db, failed, { status: "failed", failureReason: "insufficient_funds", source: "webhook" });
    const completed = await pay();
    await applyPaymentUpdate(h.db, completed, { status: "completed", source: "webhook" });
    const rows = await h.db.select().from(webhookDelivery).where(eq(webhookDelivery.endpointId, endpoint.id)).orderBy(webhookDelivery.eventType);
    expect(
      rows.map((r) => [r.eventType, (r.payload.data as { payment_id: string; status: string }).payment_id, (r.payload.data as { status: string }).status]),
    ).toEqual([
      ["payment.completed", completed, "completed"],
      ["payment.failed", failed, "failed"],
    ]);
    expect(rows[1]!.payload.data).toMatchObject({ failure_reason: "insufficient_funds", amount_minor: 500, currency: "EUR" });
    // Right after the answer: both sent.
    expect(await deliverRightAway(h.db, team.id)).toMatchObject({ attempted: 2, delivered: 2 });
  });
});

describe("outbound webhooks: endpoints", () => {
  it("owners and admins only, up to 10 per team; the secret is never shown again nor stored in the clear", async () => {
    clock.set(T0);
    const { team, owner, access } = await ownerTeam();
    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    const memberAccess = await getTeamAccess(h.db, { teamRef: team.id, userId: member.id, globalRole: "user" });
    await expect(addEndpoint(h.db, memberAccess, { url: receiver.url, eventTypes: ["payment.completed"], userId: member.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(listEndpoints(h.db, memberAccess)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["nope.nothing"], userId: owner.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(addEndpoint(h.db, access, { url: receiver.url, eventTypes: [], userId: owner.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const secrets: string[] = [];
    for (let i = 0; i < 10; i++) {
      secrets.push((await addEndpoint(h.db, access, { url: `${receiver.url}?n=${i}`, eventTypes: ["payment.completed"], userId: owner.id })).secret);
    }
    await expect(addEndpoint(h.db, access, { url: receiver.url, eventTypes: ["payment.completed"], userId: owner.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      reason: "webhook_endpoint_limit",
    });
    const listed = await listEndpoints(h.db, access);
    expect(listed).toHaveLength(10);
    const shown = JSON.stringify(listed);
    expect(secrets.some((s) => shown.includes(s) || shown.includes(s.slice(6)))).toBe(false);
    expect(Object.keys(listed[0]!).some((k) => k.toLowerCase().includes("secret") && k !== "previous_secret_expires_at")).toBe(false);
    const stored = JSON.stringify(await h.db.select().from(webhookEndpoint).where(eq(webhookEndpoint.teamId, team.id)));
    expect(secrets.some((s) => stored.includes(s.slice(6)))).toBe(false);
  });
});

describe("outbound webhooks: the SSRF guard", () => {
  const resolvesTo = (address: string) => async () => [{ address, family: address.includes(":") ? 6 : 4 }];
  const refusedUrl = (url: string, allowLoopback: boolean, lookup?: () => Promise<{ address: string; family: number }[]>) =>
    expect(checkWebhookUrl(url, { allowLoopback, lookup })).rejects.toMatchObject({ code: "BAD_REQUEST", reason: "webhook_url_refused" });

  it.each([false, true])("refuses private, link-local and reserved addresses (loopback allowed: %s)", async (allowLoopback) => {
    for (const url of [
      "https://10.0.0.1/hook",
      "https://192.168.1.1/hook",
      "https://172.16.5.4/hook",
      "https://100.64.0.1/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://[fe80::1]/hook",
      "https://[fc00::1]/hook",
      "https://[fd12:3456::1]/hook",
      "https://[::ffff:10.0.0.1]/hook",
      "https://[::ffff:169.254.169.254]/hook",
      "https://0.0.0.0/hook",
      "https://[::]/hook",
    ]) {
      await refusedUrl(url, allowLoopback);
    }
    await refusedUrl("https://hooks.example.test/", allowLoopback, resolvesTo("10.1.2.3"));
    await refusedUrl("https://hooks.example.test/", allowLoopback, resolvesTo("169.254.1.1"));
    // One private address among public ones is enough to refuse.
    await refusedUrl("https://hooks.example.test/", allowLoopback, async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "192.168.0.10", family: 4 },
    ]);
  });

  it("refuses loopback and localhost without the flag, lets only loopback through with it", async () => {
    await refusedUrl("https://localhost/hook", false);
    await refusedUrl("https://api.localhost/hook", false);
    await refusedUrl("https://127.0.0.1/hook", false);
    await refusedUrl("https://[::1]/hook", false);
    await refusedUrl("https://[::ffff:127.0.0.1]/hook", false);
    await refusedUrl("https://hooks.example.test/", false, resolvesTo("127.0.0.1"));
    await refusedUrl("http://93.184.216.34/hook", false);
    await refusedUrl("http://93.184.216.34/hook", true); // http:// for loopback only
    await refusedUrl("ftp://93.184.216.34/hook", true);
    await refusedUrl("https://user:pw@93.184.216.34/hook", false);

    await expect(checkWebhookUrl("https://hooks.example.test/", { allowLoopback: true, lookup: resolvesTo("127.0.0.1") })).resolves.toMatchObject({
      address: "127.0.0.1",
    });
    await expect(checkWebhookUrl("http://localhost:4000/hook", { allowLoopback: true, lookup: resolvesTo("::1") })).resolves.toMatchObject({
      address: "::1",
      family: 6,
    });
    await expect(checkWebhookUrl("https://93.184.216.34/hook", { allowLoopback: false })).resolves.toMatchObject({ address: "93.184.216.34" });
    await expect(
      checkWebhookUrl("https://hooks.example.com/x", { allowLoopback: false, lookup: resolvesTo("2606:2800:220:1:248:1893:25c8:1946") }),
    ).resolves.toMatchObject({
      family: 6,
    });
  });

  it("classifies addresses", () => {
    expect(classifyAddress("127.0.0.1")).toBe("loopback");
    expect(classifyAddress("::1")).toBe("loopback");
    expect(classifyAddress("::ffff:7f00:1")).toBe("loopback");
    expect(classifyAddress("172.31.255.255")).toBe("private");
    expect(classifyAddress("172.32.0.1")).toBe("public");
    expect(classifyAddress("100.127.255.255")).toBe("private");
    expect(classifyAddress("100.128.0.1")).toBe("public");
    expect(classifyAddress("fe80::abcd")).toBe("link_local");
    expect(classifyAddress("8.8.8.8")).toBe("public");
  });

  it("addEndpoint refuses what the guard refuses", async () => {
    const { owner, access } = await ownerTeam();
    await expect(addEndpoint(h.db, access, { url: "https://169.254.169.254/", eventTypes: ["payment.completed"], userId: owner.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await listEndpoints(h.db, access)).toEqual([]);
  });
});

describe("outbound webhooks: tRPC webhooks.*", () => {
  it("an owner adds an endpoint (its secret once), sends a test event, sees it delivered and replays it; a member is refused, another team's owner gets NOT_FOUND", async () => {
    clock.reset();
    const { team, owner } = await ownerTeam();
    const owners = callerFor(owner);
    const added = await owners.webhooks.addEndpoint({ team: team.slug, url: receiver.url, event_types: ["payment.completed", "ticket.created"] });
    expect(added.secret).toMatch(/^whsec_/);
    receiver.state.secrets = [added.secret];
    const listed = await owners.webhooks.endpoints({ team: team.slug });
    expect(JSON.stringify(listed)).not.toContain(added.secret.slice(6));
    const sent = await owners.webhooks.sendTest({ team: team.slug, id: added.endpoint.id });
    expect(sent.outcome).toBe("delivered");
    expect(receiver.state.received[0]!.verified).toEqual([true]);
    const [delivery] = await owners.webhooks.deliveries({ team: team.slug });
    expect(delivery).toMatchObject({ id: sent.delivery_id, event_type: "webhook.test", status: "delivered" });
    expect(await owners.webhooks.replay({ team: team.slug, delivery_id: sent.delivery_id })).toMatchObject({ outcome: "delivered", attempts: 2 });
    await expect(owners.webhooks.addEndpoint({ team: team.slug, url: "https://10.0.0.1/x", event_types: ["payment.completed"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    const member = await insertUser(h);
    await h.db.insert(teamMember).values({ teamId: team.id, userId: member.id, role: "member" });
    await expect(callerFor(member).webhooks.endpoints({ team: team.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await ownerTeam();
    await expect(callerFor(other.owner).webhooks.endpoints({ team: team.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(other.owner).webhooks.replay({ team: other.team.slug, delivery_id: sent.delivery_id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(other.owner).webhooks.removeEndpoint({ team: other.team.slug, id: added.endpoint.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await owners.webhooks.removeEndpoint({ team: team.slug, id: added.endpoint.id })).toEqual({ removed: true });
  });
});
