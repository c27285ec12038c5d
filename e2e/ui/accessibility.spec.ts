import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "../fixtures/axe";
import { signIn } from "../fixtures/auth";
import { ALICE, CAROL } from "../fixtures/config";

// One test per screen size and role, each with its own time budget: axe over a dozen pages in one
// test ran past its timeout on a loaded machine though no page was inaccessible.
const VIEWPORTS = [
  { name: "a desktop", size: { width: 1280, height: 800 } },
  { name: "a phone", size: { width: 390, height: 844 } },
];
/**
 * The page loaded and its first queries answered. Not "networkidle": the live-update stream
 * (GET /api/events) stays open on every signed-in page, so the network is never idle.
 */
async function settled(page: Page) {
  await page.waitForLoadState("load");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForTimeout(500);
}

const OWNER_PAGES = ["/teams/acme", "/teams/acme/usage", "/teams/acme/billing", "/teams/acme/addons", "/teams/acme/support", "/teams/acme/settings"];

for (const viewport of VIEWPORTS) {
  test(`the sign-in page and an owner's pages have no serious accessibility violations, on ${viewport.name}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport.size);
    await page.goto("/sign-in");
    await expectAccessible(page);
    await signIn(page, ALICE);
    for (const path of OWNER_PAGES) {
      await page.goto(path);
      await settled(page);
      await expectAccessible(page);
    }
  });

  test(`the support queue has no serious accessibility violations, on ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport.size);
    await signIn(page, CAROL);
    await page.goto("/support");
    await settled(page);
    await expectAccessible(page);
  });
}
