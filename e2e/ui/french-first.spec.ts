import { expect, test } from "@playwright/test";

// Spec 14.6: a browser set to French (fr-FR sends Accept-Language: fr-FR,fr) opens the console in
// French before anyone picks a language; a language picked while signed in follows the account.
test.use({ locale: "fr-FR" });

test("a French browser opens the console in French before any choice", async ({ page, context }) => {
  expect(await context.cookies()).toEqual([]);
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Connexion à Servelink" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Se connecter" })).toBeVisible();
  await expect(page.getByLabel("Mot de passe")).toBeVisible();
  await expect(page.getByLabel("Langue (Language)")).toHaveValue("fr");
  // Nothing was chosen: no language cookie was set.
  expect((await context.cookies()).map((c) => c.name)).not.toContain("NEXT_LOCALE");
});

test("English chosen on one device stays English on a French phone once signed in", async ({ page, browser }) => {
  const email = `lea-${Date.now().toString(36)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Nom").fill("Léa");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("un-long-mot-de-passe");
  await page.getByRole("button", { name: "Créer le compte" }).click();
  await expect(page).toHaveURL(/\/teams\/new/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByLabel("Langue (Language)").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel("Team name")).toBeVisible();

  // Another device: a French phone that never saw the choice.
  const phone = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 } });
  try {
    const other = await phone.newPage();
    await other.goto("/sign-in");
    await expect(other.getByRole("button", { name: "Se connecter" })).toBeVisible();
    await other.getByLabel("Adresse e-mail").fill(email);
    await other.getByLabel("Mot de passe").fill("un-long-mot-de-passe");
    await other.getByRole("button", { name: "Se connecter" }).click();
    await expect(other).not.toHaveURL(/\/sign-in/);
    await expect(other.locator("html")).toHaveAttribute("lang", "en");
    await expect(other.getByLabel("Team name")).toBeVisible();
  } finally {
    await phone.close();
  }
});
