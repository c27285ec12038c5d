import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUpOwner } from "../fixtures/auth";
import { expectAccessible } from "../fixtures/axe";
import { HOSTED_PAGE_NUMBER, fillPayer, openHostedPage, sandboxButton } from "../fixtures/mobile-money";

// Journey 1 of issue 8, on a desktop and on a phone: a newcomer signs up, creates a team, sees the
// empty states, creates an API token and calls the REST summary with it.
for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
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
    await expect(page.getByText("No usage recorded in the last 30 days")).toBeVisible();

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

/**
 * Pays with Mobile Money from a pay form (`scope`): the payer's number, the pay button, the
 * console's pending screen, then Pay on the sandbox's hosted page (this number waits for it).
 */
async function payWithMobileMoney(page: Page, scope: Locator, button: string) {
  await fillPayer(scope, HOSTED_PAGE_NUMBER);
  await scope.getByRole("button", { name: button }).click();
  await expect(page.getByTestId("payment-pending")).toBeVisible();
  await openHostedPage(page);
  await expectAccessible(page);
  await sandboxButton(page, "pay").click();
  await expect(page.getByTestId("payment-result")).toHaveAttribute("data-status", "completed");
}

// Journeys 2 and 3 of issue 8, each with its own new owner, on a desktop and a phone.
for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`a Free owner crosses 80 % through the ingest API, sees the warning, upgrades, and sees the new limits (${device})`, async ({ page, request }) => {
    await page.setViewportSize(viewport);
    const stamp = `${Date.now().toString(36)}j2${device}`;
    const slug = await signUpOwner(page, { name: "Olga Owner", stamp });
    await page.getByLabel("Project name").fill("Shop");
    await page.getByRole("button", { name: "Add project" }).click();
    await expect(page.locator("[data-project]")).toHaveCount(1);
    // The project's id, as the platform's edge knows it, read with the signed-in session.
    const input = encodeURIComponent(JSON.stringify({ json: { team: slug } }));
    const listed = await (await page.request.get(`/api/trpc/projects.list?input=${input}`)).json();
    const projectId = listed.result.data.json[0].id as string;
    const ingest = await request.post("/api/usage/traffic", {
      headers: { authorization: "Bearer e2e-ingest-token-0123456789", "content-type": "application/json" },
      data: { events: [{ project_id: projectId, bytes: Math.ceil(0.85 * 5 * 1024 ** 3) }] },
    });
    expect(await ingest.json()).toEqual({ accepted: 1, rejected: [] });
    await page.reload();
    await expect(page.getByTestId("usage-card-traffic")).toHaveAttribute("data-level", "warning");
    await expect(page.getByTestId("usage-card-traffic").getByTestId("usage-amount")).toContainText("of 5 GB");
    await page.screenshot({ path: `e2e/artifacts/journey-2-${device}-warning.png`, fullPage: true });
    await expectAccessible(page);

    await page.getByTestId("upgrade-button").click();
    await expect(page).toHaveURL(new RegExp(`/teams/${slug}/billing`));
    await payWithMobileMoney(page, page.getByTestId("upgrade-card"), "Pay €3.00");
    await expect(page.getByTestId("plan-card")).toHaveAttribute("data-plan", "pay_as_you_go");
    await page.goto(`/teams/${slug}`);
    await expect(page.getByTestId("usage-card-traffic").getByTestId("usage-amount")).toContainText("of 10 GB");
    await expect(page.getByTestId("usage-card-traffic")).toHaveAttribute("data-level", "ok");
    await expect(page.getByTestId("upgrade-button")).toHaveCount(0);
    await page.screenshot({ path: `e2e/artifacts/journey-2-${device}-pro.png`, fullPage: true });
  });

  test(`a Pro owner buys an add-on, renews it and cancels it (${device})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    const stamp = `${Date.now().toString(36)}j3${device}`;
    const slug = await signUpOwner(page, { name: "Olga Owner", stamp });
    await page.goto(`/teams/${slug}/billing`);
    await payWithMobileMoney(page, page.getByTestId("upgrade-card"), "Pay €3.00");

    await page.goto(`/teams/${slug}/addons`);
    const card = page.locator('[data-addon="storage"]');
    await payWithMobileMoney(page, card, "Buy Extra storage");
    const row = page.getByTestId("addon-list").locator('tr[data-addon="storage"]');
    await expect(row).toHaveAttribute("data-status", "active");
    const firstExpiry = await row.textContent();
    await expect(page.getByTestId("limit-storage-total")).toHaveText("20 GB");
    await expectAccessible(page);

    await row.getByRole("button", { name: "Renew Extra storage" }).click();
    // The e2e server takes cards through Stripe: the renewal says so, as Billing does.
    await expect(page.getByTestId("addon-renew-dialog")).toContainText("Visa or Mastercard, on Stripe's secure Checkout page.");
    await payWithMobileMoney(page, page.getByTestId("addon-renew-dialog"), "Pay €1.00");
    await expect(page.getByTestId("payment-result")).toContainText("Payment received: your add-on runs for 30 more days.");
    await expect(row).not.toHaveText(firstExpiry!);

    await row.getByRole("button", { name: "Cancel Extra storage" }).click();
    await page.getByTestId("addon-cancel-dialog").getByRole("button", { name: "Cancel add-on" }).click();
    await expect(row).toHaveAttribute("data-status", "cancelled");
    await expect(page.getByTestId("limit-storage-total")).toHaveText("10 GB");
    await page.screenshot({ path: `e2e/artifacts/journey-3-${device}.png`, fullPage: true });
  });
}

// Journey 5: the same pages in French, on a desktop and a phone.
for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`the console in French: sign-in, Overview, Usage, Billing, Add-ons, Support, Settings (${device})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const stamp = `${Date.now().toString(36)}j5${device}`;
    await page.goto("/sign-in");
    await page.getByLabel("Language").selectOption("fr");
    await expect(page.getByRole("button", { name: "Se connecter" })).toBeVisible();
    await expectAccessible(page);
    const slug = await (async () => {
      await page.goto("/sign-up");
      await page.getByLabel("Nom").fill("Françoise");
      await page.getByLabel("Adresse e-mail").fill(`francoise-${stamp}@example.com`);
      await page.getByLabel("Mot de passe").fill("un-long-mot-de-passe");
      await page.getByRole("button", { name: "Créer le compte" }).click();
      await expect(page).toHaveURL(/\/teams\/new/);
      await page.getByLabel("Nom de l’équipe").fill(`Francoise ${stamp}`);
      await page.getByRole("button", { name: "Créer l’équipe" }).click();
      await expect(page).toHaveURL(/\/teams\/francoise-/);
      return new URL(page.url()).pathname.split("/")[2]!;
    })();
    const nav = page.getByRole("navigation", { name: /Team sections|Sections de l’équipe/ });
    for (const [link, heading] of [
      ["Vue d’ensemble", "Consommation du mois"],
      ["Consommation", "Consommation"],
      ["Facturation", "Facturation"],
      ["Options", "Options"],
      ["Assistance", "Support"],
      ["Paramètres", "Paramètres"],
    ] as const) {
      await nav.getByRole("link", { name: link }).click();
      await expect(nav.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("heading", { name: heading, exact: true }).first()).toBeVisible();
      await expectAccessible(page);
    }
    await page.goto(`/teams/${slug}/billing`);
    await expect(page.getByRole("button", { name: "Payer 3,00 €" })).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/journey-5-${device}-billing-fr.png`, fullPage: true });
  });
}
