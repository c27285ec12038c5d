import { expect, test, type APIRequestContext } from "@playwright/test";
import { startAppProcess } from "../fixtures/app-process";
import { signUpOverHttp } from "../fixtures/auth";
import { ALICE, E2E } from "../fixtures/config";
import { documentedAnswers } from "../fixtures/openapi";
import { tokenFor } from "../fixtures/tokens";
import { clock } from "../../src/lib/clock";

// The Stripe notes' REST paths (spec 20) on the console's own payments, against the Stripe stand-in
// (test/stripe-standin.ts, started by e2e/serve.ts: Stripe's API cannot be reached from here). Its
// Checkout page's "Pay" completes the session and sends the signed webhook, as Stripe does. Every
// answer is checked against /api/openapi.json. Without STRIPE_SECRET_KEY (a second `npm start` on the
// same database, with no Stripe keys) the same paths answer 404 stripe_not_configured.

type TAuth = { authorization: string };

async function newOwner(request: APIRequestContext, label: string): Promise<{ auth: TAuth; team: string }> {
  const { email } = await signUpOverHttp(request, label);
  const auth = { authorization: `Bearer ${await tokenFor(email)}` };
  const team = `${label}-${Date.now().toString(36)}`;
  const created = await request.post("/api/trpc/teams.create", { headers: auth, data: { json: { name: `Stripe ${label}`, slug: team } } });
  expect(created.status(), await created.text()).toBe(200);
  return { auth, team };
}

/** "Pay" on the stand-in's Checkout page: the session is paid and Stripe's webhook reaches the console. */
async function payOnCheckout(request: APIRequestContext, url: string) {
  expect(url.startsWith(`${E2E.stripeUrl}/checkout/cs_test_`)).toBe(true);
  const paid = await request.post(url, { form: { action: "pay" }, maxRedirects: 0 });
  expect(paid.status()).toBe(303);
}

test.describe.serial("the Stripe notes' paths", () => {
  let check: Awaited<ReturnType<typeof documentedAnswers>>;
  let owner: TAuth;
  let team: string;

  test.beforeAll(async ({ request }) => {
    check = await documentedAnswers(request);
    ({ auth: owner, team } = await newOwner(request, "stripe-rest"));
  });

  test("GET /api/health/live answers while the process runs", async ({ request }) => {
    expect(await check(await request.get("/api/health/live"), "get", "/api/health/live", 200)).toEqual({ status: "live" });
  });

  test("a Free team: no card renewal, no history; the portal is a 409 before a card payment; another team's is a 404", async ({ request }) => {
    const sub = await check(await request.get(`/api/stripe/subscription?team=${team}`, { headers: owner }), "get", "/api/stripe/subscription", 200);
    expect(sub).toMatchObject({ plan: "free", has_customer: false, card_renewal: null, current_period_end: null });
    const history = await check(await request.get(`/api/stripe/payment/history?team=${team}`, { headers: owner }), "get", "/api/stripe/payment/history", 200);
    expect(history.payments).toEqual([]);
    const portal = await check(
      await request.get(`/api/stripe/subscription/billing-portal?team=${team}`, { headers: owner }),
      "get",
      "/api/stripe/subscription/billing-portal",
      409,
    );
    expect(portal.error.code).toBe("no_stripe_customer");
    const stop = await check(await request.delete(`/api/stripe/subscription?team=${team}`, { headers: owner }), "delete", "/api/stripe/subscription", 409);
    expect(stop.error.code).toBe("no_card_renewal");
    // acme is alice's: to this owner it does not exist.
    const other = await check(await request.get(`/api/stripe/subscription?team=acme`, { headers: owner }), "get", "/api/stripe/subscription", 404);
    expect(other.error.code).toBe("not_found");
    const missing = await check(await request.get(`/api/stripe/payment/stats`, { headers: owner }), "get", "/api/stripe/payment/stats", 400);
    expect(missing.error.message).toContain("team");
    const anonymous = await request.get(`/api/stripe/subscription?team=${team}`);
    expect(anonymous.status()).toBe(401);
  });

  test("a top-up through create-checkout-session: the server's bounds, then paid on Checkout and counted in history and stats", async ({ request }) => {
    const tooSmall = await check(
      await request.post(`/api/stripe/create-checkout-session?team=${team}`, { headers: owner, data: { purpose: "top_up", amount: 1 } }),
      "post",
      "/api/stripe/create-checkout-session",
      400,
    );
    expect(tooSmall.error.code).toBe("top_up_out_of_bounds");
    const unknown = await check(
      await request.post(`/api/stripe/create-checkout-session?team=${team}`, { headers: owner, data: { purpose: "top_up", amount: 10, price: 1 } }),
      "post",
      "/api/stripe/create-checkout-session",
      400,
    );
    expect(unknown.error.message).toContain("price");
    const opened = await check(
      await request.post(`/api/stripe/create-checkout-session?team=${team}`, { headers: owner, data: { purpose: "top_up", amount: 10 } }),
      "post",
      "/api/stripe/create-checkout-session",
      200,
    );
    expect(opened).toMatchObject({ status: "pending", purpose: "top_up", auto_renew: false, amount: 10, amount_minor: 1000, currency: "EUR" });
    expect(opened.session_id).toMatch(/^cs_test_/);
    await payOnCheckout(request, opened.url);

    await expect(async () => {
      const history = await check(await request.get(`/api/stripe/payment/history?team=${team}`, { headers: owner }), "get", "/api/stripe/payment/history", 200);
      expect(history.payments.map((p: { id: string; status: string; provider: string }) => [p.id, p.status, p.provider])).toEqual([
        [opened.payment_id, "completed", "stripe"],
      ]);
    }).toPass({ timeout: 10_000 });
    const stats = await check(await request.get(`/api/stripe/payment/stats?team=${team}`, { headers: owner }), "get", "/api/stripe/payment/stats", 200);
    expect(stats.by_currency).toEqual([{ currency: "EUR", paid_count: 1, paid_minor: 1000, open_count: 0, failed_count: 0, cancelled_count: 0 }]);
    // A card payment went through: the billing portal opens for the team's customer.
    const portal = await check(
      await request.get(`/api/stripe/subscription/billing-portal?team=${team}`, { headers: owner }),
      "get",
      "/api/stripe/subscription/billing-portal",
      200,
    );
    expect(portal.url).toMatch(new RegExp(`^${E2E.stripeUrl}/portal/bps_`));
  });

  test("POST /api/stripe/subscription starts Pro billed to the card; DELETE stops the renewal at the period's end, once", async ({ request }) => {
    const opened = await check(await request.post(`/api/stripe/subscription?team=${team}`, { headers: owner }), "post", "/api/stripe/subscription", 200);
    expect(opened).toMatchObject({ status: "pending", purpose: "plan_upgrade", auto_renew: true, amount: 3, amount_minor: 300, currency: "EUR" });
    await payOnCheckout(request, opened.url);
    await expect(async () => {
      const sub = await check(await request.get(`/api/stripe/subscription?team=${team}`, { headers: owner }), "get", "/api/stripe/subscription", 200);
      expect(sub).toMatchObject({ plan: "pay_as_you_go", has_customer: true, card_renewal: { status: "active" } });
      expect(Date.parse(sub.current_period_end)).toBeGreaterThan(clock.nowMs());
    }).toPass({ timeout: 10_000 });

    // A second subscription while one renews the team is refused.
    const again = await check(await request.post(`/api/stripe/subscription?team=${team}`, { headers: owner }), "post", "/api/stripe/subscription", 409);
    expect(again.error.code).toBe("stripe_subscription_active");

    const stopped = await check(await request.delete(`/api/stripe/subscription?team=${team}`, { headers: owner }), "delete", "/api/stripe/subscription", 200);
    // Pro runs to the end of what was paid; the card is not charged again.
    expect(stopped).toMatchObject({ plan: "pay_as_you_go", card_renewal: { status: "ending" } });
    const twice = await check(await request.delete(`/api/stripe/subscription?team=${team}`, { headers: owner }), "delete", "/api/stripe/subscription", 409);
    expect(twice.error.code).toBe("no_card_renewal");
    // The team was told once.
    const list = await request.get(`/api/trpc/notifications.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: owner });
    const kinds = ((await list.json()).result.data.json.notifications as { kind: string }[]).map((n) => n.kind);
    expect(kinds.filter((k) => k === "plan.card_billing_stopped")).toHaveLength(1);
  });

  test("another team's owner cannot stop this team's renewal: a 404", async ({ request }) => {
    const alice = { authorization: `Bearer ${await tokenFor(ALICE)}` };
    const notTheirs = await check(await request.delete(`/api/stripe/subscription?team=${team}`, { headers: alice }), "delete", "/api/stripe/subscription", 404);
    expect(notTheirs.error.code).toBe("not_found");
  });

  test("without STRIPE_SECRET_KEY every Stripe path is a 404 stripe_not_configured that says so; /api/health/live still answers", async ({ request }) => {
    test.setTimeout(90_000);
    const app = await startAppProcess({
      name: "no-stripe",
      env: { DATABASE_URL: E2E.databaseUrl, STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_URL: undefined },
    });
    try {
      for (const [method, path] of [
        ["post", "/api/stripe/create-checkout-session"],
        ["get", "/api/stripe/subscription"],
        ["post", "/api/stripe/subscription"],
        ["delete", "/api/stripe/subscription"],
        ["get", "/api/stripe/subscription/billing-portal"],
        ["get", "/api/stripe/payment/history"],
        ["get", "/api/stripe/payment/stats"],
      ] as const) {
        const res = await request.fetch(`${app.baseURL}${path}?team=${team}`, { method, headers: owner });
        const body = await check(res, method, path, 404);
        expect(body.error.code, `${method} ${path}`).toBe("stripe_not_configured");
        expect(body.error.message).toContain("STRIPE_SECRET_KEY");
      }
      expect((await request.get(`${app.baseURL}/api/health/live`)).status()).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
