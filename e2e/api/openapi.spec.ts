import { expect, test } from "@playwright/test";
import { ALICE, CAROL, DAVE } from "../fixtures/config";
import { documentedAnswers } from "../fixtures/openapi";
import { ingestHeaders, tokenFor } from "../fixtures/tokens";

test("real answers of a run are the documented successes and errors of /api/openapi.json, and /docs serves the reference", async ({ request, page }) => {
  test.setTimeout(90_000);
  /** The answer has the status the call should get, that status is documented, and its body matches the documented schema. */
  const check = await documentedAnswers(request);

  const alice = { authorization: `Bearer ${await tokenFor(ALICE)}` };
  const carol = { authorization: `Bearer ${await tokenFor(CAROL)}` };
  const dave = { authorization: `Bearer ${await tokenFor(DAVE)}` };
  await check(await request.get("/api/health"), "get", "/api/health", 200);
  await check(await request.get("/api/health/ready"), "get", "/api/health/ready", 200);
  await check(await request.get("/api/health/jobs"), "get", "/api/health/jobs", 200);
  const summary = await check(await request.get("/api/usage/acme/summary", { headers: alice }), "get", "/api/usage/{team}/summary", 200);
  const projectId = summary.projects[0].id as string;
  const ingested = await check(
    await request.post("/api/usage/traffic", {
      headers: ingestHeaders,
      data: {
        events: [
          { project_id: projectId, bytes: 10 },
          { project_id: "prj_nope", bytes: 1 },
        ],
      },
    }),
    "post",
    "/api/usage/traffic",
    200,
  );
  expect(ingested).toEqual({ accepted: 1, rejected: [{ index: 1, reason: "unknown_project" }] });
  await check(await request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [] } }), "post", "/api/usage/traffic", 400);
  await check(await request.get("/api/usage/nobody-team/summary", { headers: alice }), "get", "/api/usage/{team}/summary", 404);

  const started = await check(
    await request.post("/api/payments/acme/initiate", {
      headers: alice,
      data: { payment_method: "mobile_money", payer_phone: "+225 07 07 12 34 56", operator: "orange_money" },
    }),
    "post",
    "/api/payments/{team}/initiate",
    200,
  );
  const paymentId = started.payment_id as string;
  await check(await request.get("/api/payments/acme/history", { headers: alice }), "get", "/api/payments/{team}/history", 200);
  await check(await request.get(`/api/payments/${paymentId}/status`, { headers: alice }), "get", "/api/payments/{payment_id}/status", 200);
  expect(await check(await request.post(`/api/payments/${paymentId}/cancel`, { headers: alice }), "post", "/api/payments/{payment_id}/cancel", 200)).toEqual({
    payment_id: paymentId,
    status: "cancelled",
  });
  await check(await request.post(`/api/payments/${paymentId}/cancel`, { headers: alice }), "post", "/api/payments/{payment_id}/cancel", 409);

  // The billing profile: read, a country that does not fit the currency refused, a change, and back.
  expect(await check(await request.get("/api/billing/acme/profile", { headers: alice }), "get", "/api/billing/{team}/profile", 200)).toMatchObject({
    currency: "EUR",
  });
  await check(await request.get("/api/billing/nobody-team/profile", { headers: alice }), "get", "/api/billing/{team}/profile", 404);
  const mismatch = await check(
    await request.patch("/api/billing/acme/profile", { headers: alice, data: { currency: "XOF", country: "CM" } }),
    "patch",
    "/api/billing/{team}/profile",
    400,
  );
  expect(mismatch.error.message).toMatch(/^currency: XOF/);
  expect(
    await check(await request.patch("/api/billing/acme/profile", { headers: alice, data: { country: "FR" } }), "patch", "/api/billing/{team}/profile", 200),
  ).toMatchObject({ currency: "EUR", country: "FR" });
  await check(await request.patch("/api/billing/acme/profile", { headers: alice, data: { country: null } }), "patch", "/api/billing/{team}/profile", 200);
  // Its legal details (spec 16): a bad e-mail is refused naming the field; a member may read them, not change them.
  expect(
    (
      await check(
        await request.patch("/api/billing/acme/profile", { headers: alice, data: { billing_email: "nope" } }),
        "patch",
        "/api/billing/{team}/profile",
        400,
      )
    ).error,
  ).toEqual({ code: "invalid_request", message: "billing_email: must be an e-mail address" });
  expect(await check(await request.get("/api/billing/acme/profile", { headers: dave }), "get", "/api/billing/{team}/profile", 200)).toMatchObject({
    effective_document_language: expect.stringMatching(/^(fr|en)$/),
  });
  await check(await request.patch("/api/billing/acme/profile", { headers: dave, data: { legal_name: "Dave's" } }), "patch", "/api/billing/{team}/profile", 403);

  // Add-ons: the catalogue, a real purchase paid on the sandbox page, the list and limits with it, then its cancellation.
  const catalogue = await check(await request.get("/api/resources/acme/available", { headers: alice }), "get", "/api/resources/{team}/available", 200);
  expect(catalogue.resources.map((r: { type: string }) => r.type)).toEqual(["ram", "cpu", "traffic", "storage"]);
  await check(
    await request.post("/api/resources/acme/purchase", { headers: alice, data: { resource_type: "ram", quantity: 0 } }),
    "post",
    "/api/resources/{team}/purchase",
    400,
  );
  const bought = await check(
    await request.post("/api/resources/acme/purchase", {
      headers: alice,
      data: { resource_type: "ram", quantity: 1, payment_method: "mobile_money", payer_phone: "+225 07 07 12 34 56", operator: "orange_money" },
    }),
    "post",
    "/api/resources/{team}/purchase",
    200,
  );
  expect(bought).toMatchObject({ status: "pending", amount: 1, currency: "EUR" });
  await page.goto(bought.payment_url);
  await page.getByRole("button", { name: "Pay" }).click();
  await expect.poll(async () => (await (await request.get(`/api/payments/${bought.payment_id}/status`, { headers: alice })).json()).status).toBe("completed");
  const listed = await check(await request.get("/api/resources/acme/list", { headers: alice }), "get", "/api/resources/{team}/list", 200);
  expect(listed.resources.find((r: { id: string }) => r.id === bought.resource_id)).toMatchObject({ resource_type: "ram", quantity: 1, status: "active" });
  // The completed payment's receipt (spec 16), read by a member: listed, and its PDF; another team's list and an unknown number 404.
  const { documents } = await check(await request.get("/api/billing/acme/documents", { headers: dave }), "get", "/api/billing/{team}/documents", 200);
  const receipt = documents.find((d: { payment_id: string | null }) => d.payment_id === bought.payment_id);
  expect(receipt).toMatchObject({ kind: "receipt", number: expect.stringMatching(/^SL-\d{4}-\d{6}$/), amount: 1, currency: "EUR" });
  const pdf = await request.get(receipt.pdf_url, { headers: dave });
  await check(pdf, "get", "/api/billing/{team}/documents/{number}.pdf", 200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await check(await request.get("/api/billing/nobody-team/documents", { headers: alice }), "get", "/api/billing/{team}/documents", 404);
  await check(
    await request.get("/api/billing/acme/documents/SL-1999-000001.pdf", { headers: alice }),
    "get",
    "/api/billing/{team}/documents/{number}.pdf",
    404,
  );
  const limits = await check(await request.get("/api/resources/acme/limits", { headers: alice }), "get", "/api/resources/{team}/limits", 200);
  expect(limits.additional_resources.ram_mb).toBeGreaterThanOrEqual(500);
  const cancelled = await check(
    await request.delete(`/api/resources/acme/cancel/${bought.resource_id}`, { headers: alice }),
    "delete",
    "/api/resources/{team}/cancel/{id}",
    200,
  );
  expect(cancelled.resource).toMatchObject({ id: bought.resource_id, status: "cancelled" });
  await check(await request.delete(`/api/resources/acme/cancel/${bought.resource_id}`, { headers: alice }), "delete", "/api/resources/{team}/cancel/{id}", 409);
  await check(await request.delete("/api/resources/acme/cancel/res_not_there", { headers: alice }), "delete", "/api/resources/{team}/cancel/{id}", 404);

  // The prepaid balance: read by a member, a bad page size, another team; the auto-renew switch's refusals (balance.spec.ts covers the rest).
  const balance = await check(await request.get("/api/billing/acme/balance?limit=5", { headers: dave }), "get", "/api/billing/{team}/balance", 200);
  expect(balance).toMatchObject({ currency: "EUR", balance: expect.any(Number), entries: expect.any(Array) });
  expect((await check(await request.get("/api/billing/acme/balance?limit=0", { headers: alice }), "get", "/api/billing/{team}/balance", 400)).error).toEqual({
    code: "invalid_request",
    message: "limit: must be at least 1",
  });
  await check(await request.get("/api/billing/nobody-team/balance", { headers: alice }), "get", "/api/billing/{team}/balance", 404);
  const renew = (headers: Record<string, string>, data: object) => request.post("/api/billing/acme/auto-renew", { headers, data });
  await check(await renew(dave, { item: "pro", enabled: true }), "post", "/api/billing/{team}/auto-renew", 403);
  expect(await check(await renew(alice, { item: "pro", enabled: false }), "post", "/api/billing/{team}/auto-renew", 200)).toMatchObject({ currency: "EUR" });
  expect((await check(await renew(alice, { item: bought.resource_id, enabled: true }), "post", "/api/billing/{team}/auto-renew", 409)).error.code).toBe(
    "not_renewable",
  );
  await check(await renew(alice, { item: "res_not_there", enabled: true }), "post", "/api/billing/{team}/auto-renew", 404);
  await check(await renew(alice, { item: "pro" }), "post", "/api/billing/{team}/auto-renew", 400);

  // Support: a ticket opened, listed, answered by staff, read with its conversation, and the stats.
  const created = await check(
    await request.post("/api/support/acme/tickets", {
      headers: alice,
      data: { subject: `OpenAPI check ${Date.now()}`, description: "Checking the documented shapes.", category: "other" },
    }),
    "post",
    "/api/support/{team}/tickets",
    201,
  );
  const ticketId = created.ticket_id as string;
  const open = await check(await request.get("/api/support/acme/tickets?status=open", { headers: alice }), "get", "/api/support/{team}/tickets", 200);
  expect(open.tickets.map((t: { id: string }) => t.id)).toContain(ticketId);
  const badStatus = await check(await request.get("/api/support/acme/tickets?status=bogus", { headers: alice }), "get", "/api/support/{team}/tickets", 400);
  expect(badStatus.error.message).toMatch(/^status: /);
  const reply = await check(
    await request.post(`/api/support/acme/tickets/${ticketId}/messages`, { headers: carol, data: { message: "Support here." } }),
    "post",
    "/api/support/{team}/tickets/{id}/messages",
    201,
  );
  expect(reply).toMatchObject({ author_type: "support", message: "Support here.", ticket_status: "in_progress" });
  const ticket = await check(await request.get(`/api/support/acme/tickets/${ticketId}`, { headers: alice }), "get", "/api/support/{team}/tickets/{id}", 200);
  expect(ticket.messages.map((m: { message: string }) => m.message)).toEqual(["Checking the documented shapes.", "Support here."]);
  await check(await request.get("/api/support/acme/tickets/tkt_not_there", { headers: alice }), "get", "/api/support/{team}/tickets/{id}", 404);
  const stats = await check(await request.get("/api/support/acme/stats", { headers: alice }), "get", "/api/support/{team}/stats", 200);
  expect(stats.total).toBeGreaterThanOrEqual(1);

  const docs = await request.get("/docs");
  expect(docs.status()).toBe(200);
  expect(await docs.text()).toContain("/api/openapi.json");
  expect((await request.get("/docs/assets/swagger-ui-bundle.js")).status()).toBe(200);
});
