import { expect, test, type APIResponse } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";
import { ALICE, CAROL } from "../fixtures/config";
import { ingestHeaders, tokenFor } from "../fixtures/tokens";

type TDoc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: { schemas: Record<string, object> } };

test("real answers of a run validate against /api/openapi.json, and /docs serves the reference", async ({ request }) => {
  const doc = (await (await request.get("/api/openapi.json")).json()) as TDoc;
  expect(doc).toMatchObject({ openapi: "3.1.0" });
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
  const check = async (res: APIResponse, method: string, path: string) => {
    const op = doc.paths[path]?.[method];
    expect(op, `${method} ${path} is documented`).toBeDefined();
    const documented = op!.responses[String(res.status())];
    expect(documented, `${method} ${path} → ${res.status()} is documented`).toBeDefined();
    const schema = documented!.content?.["application/json"]?.schema;
    if (!schema) return;
    const resolved = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"doc#/components/schemas/'));
    const validate = ajv.compile(resolved);
    const body = await res.json();
    expect(validate(body), `${method} ${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  };

  const alice = { authorization: `Bearer ${await tokenFor(ALICE)}` };
  const carol = { authorization: `Bearer ${await tokenFor(CAROL)}` };
  await check(await request.get("/api/health"), "get", "/api/health");
  await check(await request.get("/api/health/ready"), "get", "/api/health/ready");
  const summary = await request.get("/api/usage/acme/summary", { headers: alice });
  await check(summary, "get", "/api/usage/{team}/summary");
  const projectId = (await summary.json()).projects[0].id;
  await check(await request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [{ project_id: projectId, bytes: 10 }, { project_id: "prj_nope", bytes: 1 }] } }), "post", "/api/usage/traffic");
  await check(await request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [] } }), "post", "/api/usage/traffic");
  await check(await request.get("/api/usage/nobody-team/summary", { headers: alice }), "get", "/api/usage/{team}/summary");

  const started = await request.post("/api/payments/acme/initiate", { headers: alice, data: { payment_method: "mobile_money" } });
  await check(started, "post", "/api/payments/{team}/initiate");
  const paymentId = (await started.json()).payment_id;
  await check(await request.get("/api/payments/acme/history", { headers: alice }), "get", "/api/payments/{team}/history");
  await check(await request.get(`/api/payments/${paymentId}/status`, { headers: alice }), "get", "/api/payments/{payment_id}/status");
  await check(await request.post(`/api/payments/${paymentId}/cancel`, { headers: alice }), "post", "/api/payments/{payment_id}/cancel");
  await check(await request.post(`/api/payments/${paymentId}/cancel`, { headers: alice }), "post", "/api/payments/{payment_id}/cancel");

  await check(await request.get("/api/resources/acme/available", { headers: alice }), "get", "/api/resources/{team}/available");
  await check(await request.get("/api/resources/acme/list", { headers: alice }), "get", "/api/resources/{team}/list");
  await check(await request.get("/api/resources/acme/limits", { headers: alice }), "get", "/api/resources/{team}/limits");
  await check(await request.post("/api/resources/acme/purchase", { headers: alice, data: { resource_type: "ram", quantity: 0 } }), "post", "/api/resources/{team}/purchase");

  const created = await request.post("/api/support/acme/tickets", { headers: alice, data: { subject: "OpenAPI check", description: "Checking the documented shapes.", category: "other" } });
  await check(created, "post", "/api/support/{team}/tickets");
  const ticketId = (await created.json()).ticket_id;
  await check(await request.get("/api/support/acme/tickets?status=open", { headers: alice }), "get", "/api/support/{team}/tickets");
  const badStatus = await request.get("/api/support/acme/tickets?status=bogus", { headers: alice });
  await check(badStatus, "get", "/api/support/{team}/tickets");
  expect(badStatus.status()).toBe(400);
  expect((await badStatus.json()).error.message).toMatch(/^status: /);
  await check(await request.post(`/api/support/acme/tickets/${ticketId}/messages`, { headers: carol, data: { message: "Support here." } }), "post", "/api/support/{team}/tickets/{id}/messages");
  await check(await request.get(`/api/support/acme/tickets/${ticketId}`, { headers: alice }), "get", "/api/support/{team}/tickets/{id}");
  await check(await request.get("/api/support/acme/stats", { headers: alice }), "get", "/api/support/{team}/stats");

  const docs = await request.get("/docs");
  expect(docs.status()).toBe(200);
  expect(await docs.text()).toContain("/api/openapi.json");
  expect((await request.get("/docs/assets/swagger-ui-bundle.js")).status()).toBe(200);
});
