import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { CAROL, E2E, E2E_SANDBOX_API_KEY, ERIN } from "../fixtures/config";
import { spaced } from "../fixtures/mobile-money";
import { ingestHeaders, sameOrigin } from "../fixtures/tokens";
import { mutate, query } from "../fixtures/trpc";
import { clock } from "../../src/lib/clock";
import { monthKey, monthOf } from "../../src/lib/usage-period";

// Spec 19 in the browser (issue 20): an "I paid but I'm suspended" ticket, answered from the
// team's context beside it. The requester is a new Free owner, not the demo bob: bob's hobby is
// billing.spec's, which may run at the same time on the other worker, and Free allows him neither
// a second team nor joining another's. Everything is set up through the app's own paths, no SQL:
// the project suspended by traffic reported through the ingest API, a Mobile Money payment the
// sandbox fails (0002: insufficient funds), and the retry (0005) the sandbox approves without
// ever calling back, so the console still thinks it pending until support asks again. Dates come
// from the app's clock (SERVELINK_FAKE_NOW).
test.describe.configure({ mode: "serial" });

const STAMP = `${Date.now().toString(36)}c`;
const SLUG = `cockpit-${STAMP}`;
const TEAM = `Cockpit ${STAMP}`;
const SUBJECT = `I paid but I'm suspended ${STAMP}`;
const FREE_TRAFFIC = 5 * 1024 ** 3;
const PASSWORD = "a-long-password-1";
let ownerEmail = "";
let ticketId = "";
let failedPaymentId = "";
let pendingPaymentId = "";
let pendingExternalId = "";
let frTicketId = "";

/** A new account signed up over HTTP, in a request context of its own (its session cookie kept), browsing in `language`. */
async function newAccount(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, name: string, language: string) {
  const context = await playwright.request.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { "accept-language": language } });
  const email = `${name.split(" ")[0]!.toLowerCase()}-${STAMP}@example.com`;
  const res = await context.post("/api/auth/sign-up/email", { headers: { origin: E2E.baseURL }, data: { email, password: PASSWORD, name } });
  expect(res.status(), await res.text()).toBe(200);
  return { context, email };
}

const projectStatus = async (page: Page) => (await query<{ slug: string; status: string }[]>(page.request, "projects.list", { team: SLUG }))[0]?.status;

test("the owner's project is suspended over the Free traffic, its payment failed and the retry hangs; the owner opens a ticket", async ({
  page,
  request,
  playwright,
}) => {
  test.setTimeout(90_000);
  const owner = await newAccount(playwright, "Olga Owner", "en");
  ownerEmail = owner.email;
  await mutate(owner.context, "teams.create", { name: TEAM, slug: SLUG });
  await owner.context.dispose();
  await signIn(page, ownerEmail, PASSWORD);
  await mutate(page.request, "projects.create", { team: SLUG, name: "Shop" });
  const [shop] = await query<{ id: string }[]>(page.request, "projects.list", { team: SLUG });
  // 6 GB this month on a Free team (5 GB): the check right after the batch suspends the project.
  const ingest = await request.post("/api/usage/traffic", {
    headers: ingestHeaders,
    data: { events: [{ project_id: shop!.id, bytes: FREE_TRAFFIC + 1024 ** 3 }] },
  });
  expect(await ingest.json()).toEqual({ accepted: 1, rejected: [] });
  await expect.poll(() => projectStatus(page), { timeout: 15_000 }).toBe("suspended");

  // Pro with Mobile Money: the sandbox fails a number ending 0002 after a few seconds (insufficient funds).
  const failed = await mutate<{ id: string }>(page.request, "payments.initiate", {
    team: SLUG,
    payment_method: "mobile_money",
    payer_phone: "+2250707000002",
    operator: "orange_money",
  });
  failedPaymentId = failed.id;
  await expect
    .poll(async () => (await query<{ status: string }>(page.request, "payments.status", { paymentId: failedPaymentId })).status, { timeout: 30_000 })
    .toBe("failed");
  // The retry: approved on the sandbox after a few seconds, with no callback (0005). Nobody asks, so the console keeps it pending.
  const retry = await mutate<{ id: string; external_payment_id: string; status: string }>(page.request, "payments.initiate", {
    team: SLUG,
    payment_method: "mobile_money",
    payer_phone: "+2250707000005",
    operator: "orange_money",
  });
  expect(retry.status).toBe("pending");
  pendingPaymentId = retry.id;
  pendingExternalId = retry.external_payment_id;

  await page.goto(`/teams/${SLUG}/support`);
  await page.getByRole("button", { name: "New ticket" }).click();
  const form = page.getByTestId("new-ticket-form");
  await form.getByLabel("Subject").fill(SUBJECT);
  await form.getByLabel("Description").fill("I paid for Pro with Orange Money and the money left my account, but my project is still stopped.");
  await form.getByLabel("Category").selectOption("billing");
  await form.getByRole("button", { name: "Open ticket" }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${SLUG}/support/tkt_`));
  ticketId = new URL(page.url()).pathname.split("/").at(-1)!;
});

test("carol sees the failed payment's reason and the suspension beside the ticket, rechecks the hanging payment, and the project runs again", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  // The sandbox has approved the retry by now (its own status endpoint says so; the console was never told).
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/sandbox/v1/payments/${encodeURIComponent(pendingExternalId)}/status`, {
          headers: { "x-api-key": E2E_SANDBOX_API_KEY },
        });
        return (await res.json()).status;
      },
      { timeout: 30_000 },
    )
    .toBe("completed");

  await signIn(page, CAROL);
  await page.goto(`/support/tickets/${ticketId}`);
  await expect(page.getByRole("heading", { name: SUBJECT })).toBeVisible();
  const panel = page.getByTestId("team-context");
  await expect(panel.getByRole("heading", { name: "Team context" })).toBeVisible();
  await expect(panel).toContainText(TEAM);
  await expect(panel.getByTestId("context-plan")).toHaveAttribute("data-plan", "free");
  await expect(panel).toContainText(`Usage in ${monthKey(monthOf(clock.now()))}`);
  await expect(panel.locator('[data-metric="traffic"]')).toHaveAttribute("data-level", "exceeded");
  await expect(panel.locator('[data-metric="traffic"]')).toContainText("Limit exceeded");
  const shop = panel.getByTestId("stopped-projects").locator('[data-project="shop"]');
  await expect(shop).toHaveAttribute("data-status", "suspended");
  await expect(shop).toContainText("Suspended: over the limit (Traffic).");
  const failed = panel.locator(`[data-payment="${failedPaymentId}"]`);
  await expect(failed).toHaveAttribute("data-status", "failed");
  await expect(failed.getByTestId("payment-failure-reason")).toContainText("Insufficient balance");
  await expect(failed).toContainText("Mobile Money");
  await expect(panel.locator(`[data-payment="${pendingPaymentId}"]`)).toHaveAttribute("data-status", "pending");
  // Lift suspension is offered while something is suspended; the credit form shows the cap.
  await expect(panel.getByRole("button", { name: "Lift suspension" })).toBeVisible();
  await panel.getByRole("button", { name: "Grant credit" }).click();
  await expect(page.getByTestId("credit-dialog")).toContainText("At most €10.00.");
  await page.getByTestId("credit-dialog").getByRole("button", { name: "Cancel" }).click();
  await expectAccessible(page);

  await panel.getByRole("button", { name: `Recheck payment €3.00 (${pendingPaymentId})` }).click();
  const dialog = page.getByTestId("recheck-dialog");
  await expect(dialog.getByRole("heading", { name: "Ask the provider again?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Recheck payment" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("Payment rechecked: Completed.")).toBeVisible();
  // The conversation shows the system message the team reads.
  const system = page.locator('li[data-author="system"]');
  await expect(system).toContainText(`again: it is now completed.`);
  await expect(system).toContainText(pendingPaymentId);
  // Pro now, and the suspension lifted by the follow-up the server runs after its answer (the panel refreshes itself).
  await expect(panel.getByTestId("context-plan")).toHaveAttribute("data-plan", "pay_as_you_go");
  await expect(panel.getByTestId("stopped-projects")).toHaveCount(0, { timeout: 15_000 });
  await expect(panel).toContainText("Every project is running.");

  await page.getByLabel("Status", { exact: true }).selectOption("resolved");
  await page.getByRole("button", { name: "Update status" }).click();
  await expect(page.getByTestId("ticket-view")).toHaveAttribute("data-status", "resolved");
  await expectAccessible(page);

  // On a phone the panel comes after the conversation.
  await page.setViewportSize({ width: 390, height: 844 });
  const conversation = await page.getByRole("list", { name: "Conversation" }).boundingBox();
  const beside = await panel.boundingBox();
  expect(beside!.y).toBeGreaterThan(conversation!.y + conversation!.height);
  await page.screenshot({ path: "e2e/artifacts/support-cockpit-phone.png", fullPage: true });
});

test("the owner sees the system message and the project active, and rates the resolved ticket 5 once", async ({ page }) => {
  await signIn(page, ownerEmail, PASSWORD);
  await page.goto(`/teams/${SLUG}`);
  await expect(page.locator('[data-project="shop"] [data-status]')).toHaveAttribute("data-status", "active");
  await page.goto(`/teams/${SLUG}/support/${ticketId}`);
  const system = page.locator('li[data-author="system"]');
  await expect(system).toContainText("it is now completed.");
  await expect(system.getByTestId("system-message-label")).toHaveText("Automatic message");

  const rating = page.getByTestId("ticket-rating");
  await expect(rating.getByRole("heading", { name: "How did we do?" })).toBeVisible();
  await expect(rating.getByRole("radio")).toHaveCount(5);
  await rating.getByRole("radio", { name: "5 – Excellent" }).check();
  await rating.getByLabel("Comment (optional)").fill("Sorted in minutes, thank you.");
  await expectAccessible(page);
  await rating.getByRole("button", { name: "Send rating" }).click();
  await expect(rating.getByTestId("ticket-rated")).toHaveText("You rated this 5/5.");
  await expect(rating).toContainText("Sorted in minutes, thank you.");

  // Once only: a second rating is refused with a 409.
  const again = await page.request.post(`${E2E.baseURL}/api/trpc/tickets.rate`, { headers: sameOrigin, data: { json: { team: SLUG, ticketId, score: 1 } } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.json.message).toBe("This ticket has already been rated; a rating is given once.");
  await page.reload();
  await expect(page.getByTestId("ticket-rated")).toHaveText("You rated this 5/5.");

  // The e-mail's rating link needs its token (only the e-mail holds it): a wrong one is a 404 page in the requester's language.
  const link = await page.goto(`/api/ticket-rating/${ticketId}?token=${"x".repeat(43)}`);
  expect(link?.status()).toBe(404);
  await expect(page.getByText("This rating link is not valid, or has already been used.")).toBeVisible();
});

test("carol writes a canned reply; it is inserted in each requester's language, names filled in", async ({ page, playwright }) => {
  // A French-speaking requester of her own team (her browser asks for French; the ticket keeps it).
  const { context: nadia } = await newAccount(playwright, "Nadia Diallo", "fr-FR,fr;q=0.9");
  await mutate(nadia, "teams.create", { name: `Boutique ${STAMP}`, slug: `boutique-${STAMP}` });
  const frTicket = await mutate<{ ticket_id: string }>(nadia, "tickets.create", {
    team: `boutique-${STAMP}`,
    subject: `Paiement en attente ${STAMP}`,
    description: "Mon paiement est toujours en attente.",
    category: "billing",
  });
  await nadia.dispose();
  frTicketId = frTicket.ticket_id;

  await signIn(page, CAROL);
  await page.goto("/support");
  await page.getByRole("navigation", { name: "Support console" }).getByRole("link", { name: "Canned replies" }).click();
  await expect(page).toHaveURL(/\/support\/canned-replies$/);
  await expect(page.getByRole("heading", { name: "Canned replies", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "New canned reply" }).click();
  const form = page.getByTestId("canned-form");
  const title = `Payment confirmed ${STAMP}`;
  await form.getByLabel("Title (English)").fill(title);
  await form.getByLabel("Text (English)").fill("Hello {{name}}, the payment of {{team}} is confirmed.");
  await form.getByLabel("Title (French)").fill(`Paiement confirmé ${STAMP}`);
  await form.getByLabel("Text (French)").fill("Bonjour {{name}}, le paiement de {{team}} est confirmé.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("canned-list")).toContainText(title);
  await expectAccessible(page);

  await page.goto(`/support/tickets/${frTicket.ticket_id}`);
  await page.getByLabel("Insert a canned text").selectOption({ label: title });
  await expect(page.getByLabel("Reply", { exact: true })).toHaveValue(`Bonjour Nadia Diallo, le paiement de Boutique ${STAMP} est confirmé.`);

  await page.goto(`/support/tickets/${ticketId}`);
  await page.getByLabel("Insert a canned text").selectOption({ label: title });
  await expect(page.getByLabel("Reply", { exact: true })).toHaveValue(`Hello Olga Owner, the payment of ${TEAM} is confirmed.`);
});

test("carol grants a credit (the cap enforced in the form) and extends Pro from the French requester's ticket; both announced in French", async ({ page }) => {
  await signIn(page, CAROL);
  await page.goto(`/support/tickets/${frTicketId}`);
  const panel = page.getByTestId("team-context");
  await expect(panel.getByTestId("context-balance")).toHaveText("€0.00");
  await expect(panel.getByTestId("context-plan")).toHaveAttribute("data-plan", "free");
  // Nothing is suspended: no Lift suspension.
  await expect(panel.getByRole("button", { name: "Lift suspension" })).toHaveCount(0);
  const system = page.locator('li[data-author="system"]');

  await panel.getByRole("button", { name: "Grant credit" }).click();
  const credit = page.getByTestId("credit-dialog");
  await credit.getByLabel("Amount (EUR)").fill("11");
  await credit.getByLabel("Why (the team reads it)").fill("Sorry for the wait");
  await credit.getByRole("button", { name: "Grant credit" }).click();
  await expect(credit.getByText("At most €10.00.")).toHaveClass(/text-critical/);
  await credit.getByLabel("Amount (EUR)").fill("2");
  await credit.getByRole("button", { name: "Grant credit" }).click();
  await expect(credit).toHaveCount(0);
  await expect(panel.getByTestId("context-balance")).toHaveText("€2.00");
  await expect(system).toHaveCount(1);
  expect(spaced(await system.getByTestId("message-body").textContent())).toBe(
    "Le support Servelink a ajouté un crédit de 2,00 € au solde de votre équipe. Motif : Sorry for the wait",
  );

  await panel.getByRole("button", { name: "Extend Pro" }).click();
  const extend = page.getByTestId("extend-dialog");
  await extend.getByLabel("Days (1 to 30)").fill("7");
  await extend.getByRole("button", { name: "Extend Pro" }).click();
  await expect(extend).toHaveCount(0);
  await expect(panel.getByTestId("context-plan")).toHaveAttribute("data-plan", "pay_as_you_go");
  await expect(system).toHaveCount(2);
  await expect(system.nth(1)).toContainText("Le support Servelink a activé Pro pour votre équipe de 7 jours, à titre commercial");
});

test("the stats show the month's satisfaction, and erin reads carol's recheck in the audit", async ({ page }) => {
  await signIn(page, CAROL);
  await page.goto("/support");
  const stats = page.getByTestId("support-stats");
  await expect(stats.locator('[data-stat="rating_average"]')).toContainText("Avg. rating (30 days)");
  await expect(stats.locator('[data-stat="rating_average"]')).not.toHaveAttribute("data-value", "");
  await expect(stats.locator('[data-stat="satisfied_share"]')).toContainText(/\d+\s?%/);
  await page.context().clearCookies();

  await signIn(page, ERIN);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Support actions audit" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  const row = page.getByTestId("audit-table").locator('tr[data-action="recheck_payment"]').filter({ hasText: TEAM });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Recheck payment");
  expect(spaced(await row.textContent())).toContain(pendingPaymentId);
  await expect(row.getByRole("link", { name: SUBJECT })).toHaveAttribute("href", `/support/tickets/${ticketId}`);
  await expectAccessible(page);
});
