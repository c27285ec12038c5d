import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../fixtures/auth";
import { ALICE, BOB } from "../fixtures/config";
import { HOSTED_PAGE_NUMBER, fillPayer, openHostedPage, operatorField, sandboxButton } from "../fixtures/mobile-money";
import { ingestHeaders, tokenFor } from "../fixtures/tokens";

// Bob's Free team becomes Pro here: the warning (on Free) and the failing payment run first, then the paid one.
test.describe.configure({ mode: "serial" });

// Cards go through Stripe Checkout in this server (see stripe.spec.ts); Mobile Money through the
// sandbox: the console follows the request sent to the phone, and this number waits for Pay or Fail
// on the sandbox's hosted page. Hobby is an EUR team without a country: the number is international.
async function startPayment(page: Page) {
  await page.goto("/teams/hobby/billing");
  const upgrade = page.getByTestId("upgrade-card");
  await upgrade.getByRole("radio", { name: "Mobile Money" }).check();
  await fillPayer(upgrade, HOSTED_PAGE_NUMBER);
  await expect(operatorField(upgrade)).toHaveValue("orange_money");
  await upgrade.getByRole("button", { name: "Pay €3.00" }).click();
  await expect(page).toHaveURL(/\/teams\/hobby\/billing\?payment=pay_/);
  await openHostedPage(page);
  await expect(page.getByTestId("sandbox-amount")).toHaveText("€3.00");
  await expect(page.getByTestId("sandbox-method")).toHaveText("Mobile Money");
}

test("bob's Overview shows the warning level once enough traffic is ingested", async ({ page, request }) => {
  const token = await tokenFor(BOB);
  const summary = await (await request.get("/api/usage/hobby/summary", { headers: { authorization: `Bearer ${token}` } })).json();
  const limit = summary.totals.traffic.limit_bytes as number;
  const used = summary.totals.traffic.bytes as number;
  const blog = summary.projects.find((p: { slug: string }) => p.slug === "blog");
  // Bring the team to 85 % of its traffic limit, whatever the plan is by now.
  const missing = Math.ceil(0.85 * limit) - used;
  if (missing > 0) {
    const res = await request.post("/api/usage/traffic", { headers: ingestHeaders, data: { events: [{ project_id: blog.id, bytes: missing }] } });
    expect(await res.json()).toEqual({ accepted: 1, rejected: [] });
  }
  await signIn(page, BOB);
  await expect(page).toHaveURL(/\/teams\/hobby$/);
  const card = page.getByTestId("usage-card-traffic");
  await expect(card).toHaveAttribute("data-level", "warning");
  await expect(card).toContainText("Warning");
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", /^8[5-9]/);
  await expect(page.getByTestId("upgrade-button")).toBeVisible();
});

test("a Fail click on the sandbox page shows the failure and leaves hobby on Free", async ({ page }) => {
  await signIn(page, BOB);
  await startPayment(page);
  await sandboxButton(page, "fail").click();
  await expect(page).toHaveURL(/\/teams\/hobby\/billing\?payment=pay_/);
  const result = page.getByTestId("payment-result");
  await expect(result).toHaveAttribute("data-status", "failed");
  await expect(result).toContainText("The payment failed");
  // The reason in words (never a bare code), and a retry with the same number.
  await expect(result.getByTestId("payment-reason")).not.toHaveText(/^[a-z_]+$/);
  await expect(result.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "free");
  await expect(page.getByTestId("payment-history").locator('tr[data-status="failed"]')).toHaveCount(1);
});

test("bob upgrades hobby with Mobile Money: pending with a QR code, then Pro on Billing", async ({ page }) => {
  await signIn(page, BOB);
  await page.goto("/teams/hobby/billing");
  await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "free");
  // The number paid with last (the failed payment above) is remembered.
  await expect(page.getByTestId("upgrade-card").getByLabel("Mobile Money number")).toHaveValue("+225 07 07 12 3456");
  await startPayment(page);
  const payUrl = page.url();
  // Back on Billing before paying: the pending payment is shown, with its QR code, the time left, and polled.
  await page.goto("/teams/hobby/billing");
  const pending = page.getByTestId("payment-pending");
  await expect(pending).toContainText("Waiting for the payment to be confirmed…");
  await expect(pending.getByRole("img", { name: "QR code to pay with Mobile Money" })).toBeVisible();
  await expect(pending.getByTestId("payment-countdown-time")).toHaveText(/^\d{2}:\d{2}$/);
  await page.goto(payUrl);
  await sandboxButton(page, "pay").click();
  await expect(page).toHaveURL(/\/teams\/hobby\/billing\?payment=pay_/);
  const result = page.getByTestId("payment-result");
  await expect(result).toHaveAttribute("data-status", "completed");
  await expect(result).toContainText(/Payment received: your team is on Pro until/);
  await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "pay_as_you_go");
  await expect(page.getByTestId("payment-history").locator('tr[data-status="completed"]')).toHaveCount(1);

  // The bell tells of the payment (and of the usage warning ingest raised earlier); mark all read.
  await expect(page.getByTestId("unread-count")).toBeVisible();
  await page.getByRole("button", { name: /^Notifications \(\d+ unread\)$/ }).click();
  const list = page.getByTestId("notification-list");
  await expect(list.locator('[data-read="false"]').filter({ hasText: "Payment received: Pro is active" })).toHaveCount(1);
  await expect(list).toContainText("monthly traffic at");
  await list.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
});

test("alice buys 2 × traffic on the sandbox: active, and the traffic limit is 30 GB on Add-ons and Overview", async ({ page }) => {
  await signIn(page, ALICE);
  await page.getByRole("navigation", { name: "Team sections" }).getByRole("link", { name: "Add-ons" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/addons/);
  await expect(page.getByTestId("limit-traffic-total")).toHaveText("10 GB");
  const card = page.locator('[data-addon="traffic"]');
  await card.getByRole("button", { name: "Increase" }).click();
  await expect(card.getByLabel("Quantity")).toHaveValue("2");
  await expect(card.getByTestId("addon-total")).toHaveText("Total: €2.00");
  await fillPayer(card, HOSTED_PAGE_NUMBER);
  await card.getByRole("button", { name: "Buy Extra traffic" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/addons\?payment=pay_/);
  await openHostedPage(page);
  await expect(page.getByTestId("sandbox-amount")).toHaveText("€2.00");
  await sandboxButton(page, "pay").click();
  await expect(page).toHaveURL(/\/teams\/acme\/addons\?payment=pay_/);
  await expect(page.getByTestId("payment-result")).toHaveAttribute("data-status", "completed");
  const row = page.getByTestId("addon-list").locator('tr[data-addon="traffic"][data-status="active"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/Expires/);
  await expect(page.getByTestId("limit-traffic-total")).toHaveText("30 GB");
  await page.getByRole("navigation", { name: "Team sections" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("usage-card-traffic").getByTestId("usage-amount")).toContainText("of 30 GB");

  // Cancel it: the capacity leaves the limits at once.
  await page.goto("/teams/acme/addons");
  await row.getByRole("button", { name: "Cancel Extra traffic" }).click();
  await page.getByTestId("addon-cancel-dialog").getByRole("button", { name: "Cancel add-on" }).click();
  await expect(page.getByTestId("addon-list").locator('tr[data-addon="traffic"][data-status="cancelled"]')).toHaveCount(1);
  await expect(page.getByTestId("limit-traffic-total")).toHaveText("10 GB");
});
