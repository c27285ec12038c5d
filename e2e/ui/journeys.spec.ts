import { expect, test } from "@playwright/test";
import { expectAccessible } from "../fixtures/axe";

// Journey 1 of issue 8, on a desktop and on a phone: a newcomer signs up, creates a team, sees the
// empty states, creates an API token and calls the REST summary with it.
for (const [device, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
  test(`a new user signs up, creates a team, sees empty states, and calls the REST API with a token (${device})`, async ({ page, request }) => {
    await page.setViewportSize(viewport);
    const stamp = `${Date.now().toString(36)}${device}`;
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Nadia Newcomer");
    await page.getByLabel("Email").fill(`nadia-${stamp}@example.com`);
    await page.getByLabel("Password").fill("a-long-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/teams\/new/);
    await expectAccessible(page);

    await page.getByLabel("Team name").fill(`Nadia ${stamp}`);
    await expect(page.getByLabel("Team URL")).toHaveValue(`nadia-${stamp}`);
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page).toHaveURL(new RegExp(`/teams/nadia-${stamp}$`));
    await expect(page.getByText("No projects yet")).toBeVisible();
    await expect(page.getByTestId("upgrade-button")).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/journey-1-${device}-overview.png`, fullPage: true });
    await expectAccessible(page);

    await page.goto(`/teams/nadia-${stamp}/usage`);
    await expect(page.getByText("No usage recorded for this month")).toBeVisible();

    await page.goto(`/teams/nadia-${stamp}/settings`);
    await page.getByLabel("Token name").fill("my script");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").locator("code").textContent())!.trim();
    await page.screenshot({ path: `e2e/artifacts/journey-1-${device}-token.png`, fullPage: true });

    const res = await request.get(`/api/usage/nadia-${stamp}/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status()).toBe(200);
    const summary = await res.json();
    expect(summary).toMatchObject({ team: { slug: `nadia-${stamp}`, plan: "free" }, projects: [], totals: { traffic: { bytes: 0, level: "ok" } } });
  });
}
