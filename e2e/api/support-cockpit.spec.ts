import { expect, test, type APIRequestContext } from "@playwright/test";
import { signUpOverHttp } from "../fixtures/auth";
import { CAROL } from "../fixtures/config";
import { documentedAnswers } from "../fixtures/openapi";
import { tokenFor } from "../fixtures/tokens";

// Spec 19 over HTTP on the built app: the team's context and an action for staff only, the REST
// rating (documented answers), and the rating link's page refusing a token it never sent.

type TAuth = { authorization: string };

async function newOwner(request: APIRequestContext, label: string): Promise<{ auth: TAuth; team: string }> {
  const { email } = await signUpOverHttp(request, label);
  const auth = { authorization: `Bearer ${await tokenFor(email)}` };
  const team = `${label}-${Date.now().toString(36)}`;
  const created = await request.post("/api/trpc/teams.create", { headers: auth, data: { json: { name: `Cockpit ${label}`, slug: team } } });
  expect(created.status(), await created.text()).toBe(200);
  return { auth, team };
}

const query = (path: string, input: object) => `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

test("staff see the team's context and act from the ticket; the team rates it once over REST; a made-up rating link is refused", async ({ request }) => {
  const check = await documentedAnswers(request);
  const { auth: owner, team } = await newOwner(request, "cockpit");
  const carol = { authorization: `Bearer ${await tokenFor(CAROL)}` };
  const created = await check(
    await request.post(`/api/support/${team}/tickets`, {
      headers: owner,
      data: { subject: "I paid but I'm suspended", description: "Help", category: "billing" },
    }),
    "post",
    "/api/support/{team}/tickets",
    201,
  );
  const ticketId = created.ticket_id as string;

  // The panel: staff only; the team's owner gets the console's 404.
  const panel = await request.get(query("support.teamContext", { ticketId }), { headers: carol });
  expect(panel.status(), await panel.text()).toBe(200);
  expect((await panel.json()).result.data.json).toMatchObject({ team: { slug: team }, plan: { id: "free" }, balance: { currency: "EUR", balance_minor: 0 } });
  expect((await request.get(query("support.teamContext", { ticketId }), { headers: owner })).status()).toBe(404);

  // An action: a 400 over the cap, then a credit the team sees as a system message.
  const over = await request.post("/api/trpc/support.grantCredit", { headers: carol, data: { json: { ticketId, amount: 11, reason: "Too much" } } });
  expect(over.status()).toBe(400);
  expect((await over.json()).error.json.data.reason).toBe("credit_over_cap");
  const forbidden = await request.post("/api/trpc/support.grantCredit", { headers: owner, data: { json: { ticketId, amount: 1, reason: "Myself" } } });
  expect(forbidden.status()).toBe(404);
  const granted = await request.post("/api/trpc/support.grantCredit", {
    headers: carol,
    data: { json: { ticketId, amount: 2, reason: "Sorry for the wait" } },
  });
  expect(granted.status(), await granted.text()).toBe(200);
  const view = await check(await request.get(`/api/support/${team}/tickets/${ticketId}`, { headers: owner }), "get", "/api/support/{team}/tickets/{id}", 200);
  expect(view.messages.map((m: { author_type: string }) => m.author_type)).toEqual(["user", "system"]);

  // Rating: not before resolution, then once.
  const rate = (score: number) => request.post(`/api/support/${team}/tickets/${ticketId}/rating`, { headers: owner, data: { score, comment: "Thanks" } });
  expect((await (await rate(5)).json()).error.code).toBe("ticket_not_resolved");
  const resolved = await request.post("/api/trpc/support.setStatus", { headers: carol, data: { json: { ticketId, status: "resolved" } } });
  expect(resolved.status(), await resolved.text()).toBe(200);
  const rating = await check(await rate(5), "post", "/api/support/{team}/tickets/{id}/rating", 201);
  expect(rating).toMatchObject({ ticket_id: ticketId, score: 5, comment: "Thanks" });
  const again = await check(await rate(4), "post", "/api/support/{team}/tickets/{id}/rating", 409);
  expect(again.error.code).toBe("already_rated");
  const stats = await check(await request.get(`/api/support/${team}/stats`, { headers: owner }), "get", "/api/support/{team}/stats", 200);
  expect(stats.satisfaction).toEqual({ window_days: 30, ratings: 1, average: 5, satisfied_share: 1 });

  // The e-mailed link's page: a token it never sent shows nothing and records nothing.
  const page = await request.get(`/api/ticket-rating/${ticketId}?token=${"a".repeat(43)}`);
  expect(page.status()).toBe(404);
  expect(await page.text()).not.toContain("I paid");
  const post = await request.post(`/api/ticket-rating/${ticketId}`, { form: { token: "a".repeat(43), score: "1" } });
  expect(post.status()).toBe(404);
});
