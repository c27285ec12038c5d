import { expect, test, type APIRequestContext } from "@playwright/test";
import { signUpOverHttp } from "../fixtures/auth";
import { ALICE, E2E } from "../fixtures/config";
import { documentedAnswers } from "../fixtures/openapi";
import { tokenFor } from "../fixtures/tokens";

// The prepaid balance over REST (spec 15), on teams of this file's own (the seeded ones are shared
// with the other tests): every answer is also checked against /api/openapi.json.

/** The sandbox approves a payer whose number ends 0001 after 5 s, with a signed callback (spec 14.4). */
const APPROVED_NUMBER = "+225 07 07 00 00 01";

type TAuth = { authorization: string };

/** A new user with a token and a team of their own on Free; answers the token header and the team's slug. */
async function newOwner(request: APIRequestContext, label: string): Promise<{ auth: TAuth; email: string; team: string }> {
  const { email } = await signUpOverHttp(request, label);
  const auth = { authorization: `Bearer ${await tokenFor(email)}` };
  const team = `${label}-${Date.now().toString(36)}`;
  const created = await request.post("/api/trpc/teams.create", { headers: auth, data: { json: { name: `Balance ${label}`, slug: team } } });
  expect(created.status(), await created.text()).toBe(200);
  return { auth, email, team };
}

test.describe.serial("the prepaid balance over REST", () => {
  let check: Awaited<ReturnType<typeof documentedAnswers>>;
  // A team in Côte d'Ivoire, paying in XOF: its owner, a member once it is Pro, and what it bought from the balance.
  let owner: TAuth;
  let member: TAuth;
  let team: string;
  let addonId: string;
  // One request context for the file's tests and hooks (the `request` fixture is per test).
  let globalRequest: APIRequestContext;

  const balanceOf = async (auth: TAuth, query = "") =>
    check(await globalRequest.get(`/api/billing/${team}/balance${query}`, { headers: auth }), "get", "/api/billing/{team}/balance", 200);
  const initiate = (data: object) => globalRequest.post(`/api/payments/${team}/initiate`, { headers: owner, data });
  const topUp = (amount: unknown) =>
    initiate({ purpose: "top_up", amount, payment_method: "mobile_money", payer_phone: APPROVED_NUMBER, operator: "orange_money" });

  test.beforeAll(async ({ playwright }) => {
    globalRequest = await playwright.request.newContext({ baseURL: E2E.baseURL });
    check = await documentedAnswers(globalRequest);
    const o = await newOwner(globalRequest, "topup");
    owner = o.auth;
    team = o.team;
    const profile = await globalRequest.patch(`/api/billing/${team}/profile`, { headers: owner, data: { currency: "XOF", country: "CI" } });
    expect(profile.status(), await profile.text()).toBe(200);
  });

  test.afterAll(async () => {
    await globalRequest.dispose();
  });

  test("a new team's balance is 0 with no entries, and Pro from it is 409 balance_too_low with the shortfall", async () => {
    expect(await balanceOf(owner)).toMatchObject({ currency: "XOF", balance: 0, balance_minor: 0, entries: [], next_before: null });
    const refused = await check(await initiate({ payment_method: "balance" }), "post", "/api/payments/{team}/initiate", 409);
    expect(refused).toEqual({
      error: {
        code: "balance_too_low",
        shortfall: 1970,
        shortfall_minor: 1970,
        currency: "XOF",
        message: "The balance does not cover Pro: 1970 XOF more is needed. Top up the balance on the Billing page, or pay another way.",
      },
    });
  });

  test("a top-up out of its bounds is a 400 that says why, and nothing is started", async () => {
    const bounds = { min: 1970, max: 197000, step: 5 };
    const cases: [unknown, object][] = [
      [1965, { code: "top_up_out_of_bounds", message: "amount: a top-up is from 1970 XOF to 197000 XOF.", ...bounds }],
      [197005, { code: "top_up_out_of_bounds", message: "amount: a top-up is from 1970 XOF to 197000 XOF.", ...bounds }],
      [1972, { code: "top_up_step", message: "amount: a top-up in XOF is a multiple of 5 francs.", ...bounds }],
      [1975.5, { code: "invalid_amount", message: "amount: amount must be whole francs in XOF (no decimals: 1975.5 is not an amount of XOF)." }],
      [undefined, { code: "top_up_out_of_bounds", message: "amount: a top-up names its amount, from 1970 XOF to 197000 XOF." }],
    ];
    for (const [amount, error] of cases) {
      const res = await check(await topUp(amount), "post", "/api/payments/{team}/initiate", 400);
      expect(res, `amount ${amount}`).toEqual({ error });
    }
    const fromBalance = await check(
      await initiate({ purpose: "top_up", amount: 2000, payment_method: "balance" }),
      "post",
      "/api/payments/{team}/initiate",
      400,
    );
    expect(fromBalance.error.message).toBe("payment_method: a top-up is paid by Mobile Money or card, not from the balance.");
    const history = await globalRequest.get(`/api/payments/${team}/history`, { headers: owner });
    expect((await history.json()).payments).toEqual([]);
  });

  test("a Mobile Money top-up approved on the sandbox credits the balance with a top_up entry", async () => {
    const started = await check(await topUp(3000), "post", "/api/payments/{team}/initiate", 200);
    expect(started).toMatchObject({
      status: "pending",
      amount: 3000,
      amount_minor: 3000,
      currency: "XOF",
      payer_phone: "+2250707000001",
      operator: "orange_money",
    });
    await expect
      .poll(async () => (await (await globalRequest.get(`/api/payments/${started.payment_id}/status`, { headers: owner })).json()).status, { timeout: 30_000 })
      .toBe("completed");
    const after = await balanceOf(owner);
    expect(after).toMatchObject({ currency: "XOF", balance: 3000, balance_minor: 3000 });
    expect(after.entries).toEqual([
      {
        id: expect.any(String),
        kind: "top_up",
        amount: 3000,
        amount_minor: 3000,
        balance_after: 3000,
        balance_after_minor: 3000,
        currency: "XOF",
        payment_id: started.payment_id,
        resource_id: null,
        created_at: expect.any(String),
        note: "Top-up by Mobile Money from +225 ••••••••01",
      },
    ]);
    const [payment] = (await (await globalRequest.get(`/api/payments/${team}/history`, { headers: owner })).json()).payments;
    expect(payment).toMatchObject({ id: started.payment_id, purpose: "top_up", provider: "payment_backend", status: "completed", amount: 3000 });
  });

  test("Pro and an add-on bought from the balance when it covers them; then Pro again is 409 with what is missing", async () => {
    const pro = await check(await initiate({ payment_method: "balance" }), "post", "/api/payments/{team}/initiate", 200);
    expect(pro).toMatchObject({ status: "completed", amount: 1970, currency: "XOF", external_payment_id: null, payment_url: null });
    const limits = await check(await globalRequest.get(`/api/resources/${team}/limits`, { headers: owner }), "get", "/api/resources/{team}/limits", 200);
    expect(limits.plan).toBe("pay_as_you_go");
    // On Pro the team takes a second member (Free allows one), who reads the balance from here on.
    const m = await signUpOverHttp(globalRequest, "balance-member");
    member = { authorization: `Bearer ${await tokenFor(m.email)}` };
    const added = await globalRequest.post("/api/trpc/teams.addMember", { headers: owner, data: { json: { team, email: m.email, role: "member" } } });
    expect(added.status(), await added.text()).toBe(200);

    const addon = await check(
      await globalRequest.post(`/api/resources/${team}/purchase`, { headers: owner, data: { resource_type: "ram", quantity: 1, payment_method: "balance" } }),
      "post",
      "/api/resources/{team}/purchase",
      200,
    );
    expect(addon).toMatchObject({ status: "completed", amount: 660, currency: "XOF" });
    addonId = addon.resource_id;
    const list = await check(await globalRequest.get(`/api/resources/${team}/list`, { headers: owner }), "get", "/api/resources/{team}/list", 200);
    expect(list.resources).toEqual([expect.objectContaining({ id: addonId, status: "active", auto_renew: false })]);

    const b = await balanceOf(owner);
    expect(b).toMatchObject({ balance: 370, balance_minor: 370 });
    expect(b.entries.map((e: { kind: string; amount: number; balance_after: number }) => [e.kind, e.amount, e.balance_after])).toEqual([
      ["addon", -660, 370],
      ["renewal", -1970, 1030],
      ["top_up", 3000, 3000],
    ]);
    expect(b.entries[0]).toMatchObject({ payment_id: addon.payment_id, resource_id: addonId });
    expect(b.entries[1]).toMatchObject({ payment_id: pro.payment_id, resource_id: null });

    const refused = await check(await initiate({ payment_method: "balance" }), "post", "/api/payments/{team}/initiate", 409);
    expect(refused.error).toMatchObject({ code: "balance_too_low", shortfall: 1600, shortfall_minor: 1600, currency: "XOF" });
    expect((await balanceOf(owner)).balance).toBe(370);

    const { payments: history } = await check(
      await globalRequest.get(`/api/payments/${team}/history`, { headers: owner }),
      "get",
      "/api/payments/{team}/history",
      200,
    );
    expect(history.filter((p: { provider: string }) => p.provider === "balance")).toEqual([
      expect.objectContaining({ purpose: "addon_purchase", payment_method: "balance", status: "completed", amount: 660 }),
      expect.objectContaining({ purpose: "plan_upgrade", payment_method: "balance", status: "completed", amount: 1970 }),
    ]);
  });

  test("the ledger pages newest first with limit and before; a bad limit or before is a 400 that names it", async () => {
    const first = await balanceOf(member, "?limit=2");
    expect(first.entries.map((e: { kind: string }) => e.kind)).toEqual(["addon", "renewal"]);
    expect(first.next_before).toEqual(expect.any(Number));
    const second = await balanceOf(member, `?limit=2&before=${first.next_before}`);
    expect(second.entries.map((e: { kind: string }) => e.kind)).toEqual(["top_up"]);
    expect(second.next_before).toBeNull();
    expect((await balanceOf(member, "?limit=")).entries).toHaveLength(3);

    for (const [query, message] of [
      ["?limit=0", "limit: must be at least 1"],
      ["?limit=101", "limit: must be at most 100"],
      ["?limit=abc", "limit: must be a whole number from 1 to 100"],
      ["?limit=2.5", "limit: must be a whole number from 1 to 100"],
      ["?before=-3", "before: must be a previous page's next_before, a whole number"],
    ]) {
      const res = await check(await globalRequest.get(`/api/billing/${team}/balance${query}`, { headers: member }), "get", "/api/billing/{team}/balance", 400);
      expect(res, query).toEqual({ error: { code: "invalid_request", message } });
    }
    const foreign = await check(await globalRequest.get("/api/billing/acme/balance", { headers: member }), "get", "/api/billing/{team}/balance", 404);
    expect(foreign).toEqual({ error: { code: "not_found", message: "Team not found." } });
  });

  test("owners switch automatic renewal for Pro and an add-on; a member gets 403, another team's things 404", async () => {
    const renew = (headers: TAuth, data: object, slug = team) => globalRequest.post(`/api/billing/${slug}/auto-renew`, { headers, data });
    const path = "/api/billing/{team}/auto-renew";

    const pro = await check(await renew(owner, { item: "pro", enabled: true }), "post", path, 200);
    expect(pro).toMatchObject({ currency: "XOF", balance: 370, pro_renews_by_card: false });
    expect(pro.renewals.find((r: { item: string }) => r.item === "pro")).toMatchObject({
      kind: "pro",
      auto_renew: true,
      price: 1970,
      covered: false,
      shortfall_minor: 1600,
    });
    expect(pro.next_uncovered).toMatchObject({ item: "pro" });

    const addon = await check(await renew(owner, { item: addonId, enabled: true }), "post", path, 200);
    expect(addon.renewals.find((r: { item: string }) => r.item === addonId)).toMatchObject({
      kind: "addon",
      resource_type: "ram",
      quantity: 1,
      auto_renew: true,
      price: 660,
    });
    const off = await check(await renew(owner, { item: addonId, enabled: false }), "post", path, 200);
    expect(off.renewals.find((r: { item: string }) => r.item === addonId)).toMatchObject({ auto_renew: false, covered: null });
    expect((await balanceOf(member)).renewals.find((r: { item: string }) => r.item === "pro")).toMatchObject({ auto_renew: true });

    expect(await check(await renew(member, { item: "pro", enabled: false }), "post", path, 403)).toEqual({
      error: { code: "insufficient_role", message: "Only the team's owners and admins may change automatic renewal." },
    });
    // Another team's add-on, from its owner's side: as if it did not exist.
    const alice = { authorization: `Bearer ${await tokenFor(ALICE)}` };
    expect(await check(await renew(alice, { item: addonId, enabled: true }, "acme"), "post", path, 404)).toEqual({
      error: { code: "not_found", message: "Add-on not found." },
    });
    expect((await check(await renew(owner, { item: "pro", enabled: true }, "acme"), "post", path, 404)).error.code).toBe("not_found");
    expect((await check(await renew(owner, { item: "pro" }), "post", path, 400)).error).toEqual({
      code: "invalid_request",
      message: "enabled: must be true or false",
    });
  });

  test("Pro's switch is 409 stripe_subscription_active while a Stripe card subscription renews it; on Free it is 409 not_pro", async () => {
    const card = await newOwner(globalRequest, "cardrenew");
    const renew = (data: object) => globalRequest.post(`/api/billing/${card.team}/auto-renew`, { headers: card.auth, data });
    expect((await check(await renew({ item: "pro", enabled: true }), "post", "/api/billing/{team}/auto-renew", 409)).error.code).toBe("not_pro");

    // Pro by card with renewal: Stripe Checkout (the local stand-in), paid there as a person would.
    const started = await check(
      await globalRequest.post(`/api/payments/${card.team}/initiate`, { headers: card.auth, data: { payment_method: "credit_card", auto_renew: true } }),
      "post",
      "/api/payments/{team}/initiate",
      200,
    );
    const paid = await globalRequest.post(started.payment_url, { form: { action: "pay" }, maxRedirects: 0 });
    expect(paid.status()).toBe(303);
    await expect
      .poll(async () => (await (await globalRequest.get(`/api/payments/${started.payment_id}/status`, { headers: card.auth })).json()).status)
      .toBe("completed");

    const refused = await check(await renew({ item: "pro", enabled: true }), "post", "/api/billing/{team}/auto-renew", 409);
    expect(refused).toEqual({
      error: {
        code: "stripe_subscription_active",
        message: "Pro is renewed by a Stripe card subscription. Stop it with “Manage card billing” first, then renew from the balance.",
      },
    });
    const view = await check(await globalRequest.get(`/api/billing/${card.team}/balance`, { headers: card.auth }), "get", "/api/billing/{team}/balance", 200);
    expect(view).toMatchObject({ currency: "EUR", balance: 0, pro_renews_by_card: true });
    expect(view.renewals.find((r: { item: string }) => r.item === "pro")).toBeUndefined();
  });
});
