import { test } from "@playwright/test";
import { expectAccessible } from "../fixtures/axe";
import { signIn } from "../fixtures/auth";
import { ALICE, CAROL } from "../fixtures/config";

test("the pages have no serious accessibility violations, on a desktop and a phone", async ({ page }) => {
  test.setTimeout(120_000);
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await page.context().clearCookies();
    await page.goto("/sign-in");
    await expectAccessible(page);
    await signIn(page, ALICE);
    for (const path of ["/teams/acme", "/teams/acme/usage", "/teams/acme/billing", "/teams/acme/addons", "/teams/acme/support", "/teams/acme/settings"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expectAccessible(page);
    }
    await page.context().clearCookies();
    await signIn(page, CAROL);
    await page.goto("/support");
    await page.waitForLoadState("networkidle");
    await expectAccessible(page);
  }
});
