import { expect, test } from "@playwright/test";
import { signUpOwner } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { E2E } from "../fixtures/config";

// Issue 9: card payments through Stripe Checkout. Stripe cannot be reached from here: the server's
// STRIPE_API_URL points at the local stand-in of its API (test/stripe-standin.ts, started by
// e2e/serve.ts), whose Checkout page "Pay" sends a signed checkout.session.completed to the app's
// webhook and comes back to the success URL, as Stripe does.

for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`an owner pays Pro by card on Stripe Checkout with renewal, comes back on Pro, and opens the billing portal (${device})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const slug = await signUpOwner(page, { name: "Carla Card", stamp: `${Date.now().toString(36)}${device}` });
    await page.goto(`/teams/${slug}/billing`);
    const cardBilling = page.getByTestId("card-billing");
    await expect(cardBilling).toHaveAttribute("data-renewal", "none");
    await expect(page.getByTestId("card-billing-hint")).toBeVisible();
    await expect(page.getByTestId("manage-card-billing")).toHaveCount(0);

    await page.getByRole("radio", { name: "Card" }).check();
    await expect(page.getByText("Visa or Mastercard, on Stripe's secure Checkout page.")).toBeVisible();
    await page.getByRole("checkbox", { name: "Renew automatically every 30 days" }).check();
    await expect(page.getByTestId("renewal-footer")).toHaveText("Your card is then charged €3.00 every 30 days until you cancel in “Manage card billing”.");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Pay €3.00" }).click();

    // Stripe Checkout (the stand-in): our amount, billed every 30 days.
    await expect(page).toHaveURL(new RegExp(`^${E2E.stripeUrl}/checkout/cs_test_`));
    await expect(page.getByTestId("checkout-amount")).toHaveText("3.00 EUR");
    await expect(page.getByText("Billed every 30 days")).toBeVisible();
    await page.getByRole("button", { name: "Pay" }).click();

    // Back on Billing: the webhook completed the payment like a backend payment.
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing\\?payment=pay_`));
    await expect(page.getByTestId("payment-result")).toHaveAttribute("data-status", "completed");
    await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "pay_as_you_go");
    const row = page.getByTestId("payment-history").locator('tr[data-provider="stripe"][data-status="completed"]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Stripe");
    await expect(cardBilling).toHaveAttribute("data-renewal", "active");
    await expect(page.getByTestId("card-renewal-note")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Renew automatically every 30 days" })).toHaveCount(0);
    await page.screenshot({ path: `e2e/artifacts/stripe-${device}-billing.png`, fullPage: true });
    await expectAccessible(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(viewport.width);

    // The billing portal for the team's Stripe customer, and back.
    await page.getByTestId("manage-card-billing").click();
    await expect(page).toHaveURL(new RegExp(`^${E2E.stripeUrl}/portal/bps_`));
    await page.getByRole("link", { name: "Return to Servelink" }).click();
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing$`));
    await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "pay_as_you_go");
  });
}
