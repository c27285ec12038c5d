import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { ALICE, ERIN } from "../fixtures/config";

// The admin revenue page (spec 17): the global role admin sees it, on a desktop and on a phone; anyone else gets the not-found page.
for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`erin (admin) reads the revenue page (${device})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signIn(page, ERIN);
    const res = await page.goto("/admin");
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Revenue" })).toBeVisible();
    // The demo's acme is on Pro, in EUR.
    await expect(page.locator('[data-stat="paying_teams"]')).not.toHaveAttribute("data-value", "0");
    await expect(page.getByTestId("admin-revenue-table").locator('tr[data-currency="EUR"]')).not.toHaveAttribute("data-total", "0");
    await expect(page.getByTestId("admin-revenue-chart")).toBeVisible();
    await expect(page.getByTestId("admin-tickets").locator('tr[data-priority="urgent"]')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });
}

test("alice (a team owner) and a signed-out visitor get the not-found page at /admin", async ({ page }) => {
  const signedOut = await page.goto("/admin");
  expect(signedOut?.status()).toBe(404);
  await signIn(page, ALICE);
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByTestId("admin-revenue")).toHaveCount(0);
});
