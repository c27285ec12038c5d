import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/auth";
import { ALICE, BOB, CAROL } from "../fixtures/config";

test("alice signs in and sees acme with its three projects", async ({ page }) => {
  await signIn(page, ALICE);
  await expect(page).toHaveURL(/\/teams\/acme$/);
  const switcher = page.getByRole("button", { name: /Switch team \(current: Acme\)/ });
  await expect(switcher).toBeVisible();
  // The switcher lists her teams (the current one marked and focused); Escape closes it and gives the focus back.
  // The button is drawn before the page's scripts run: a click opens it once they have.
  await expect(async () => {
    if ((await switcher.getAttribute("aria-expanded")) !== "true") await switcher.click();
    await expect(switcher).toHaveAttribute("aria-expanded", "true", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const acme = page.getByRole("link", { name: /^Acme/ }).and(page.locator("[data-team-link]"));
  await expect(acme).toHaveAttribute("aria-current", "page");
  await expect(acme).toBeFocused();
  await page.keyboard.press("End");
  await expect(page.getByRole("link", { name: "Create team" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("link", { name: "Create team" })).toBeHidden();
  await expect(switcher).toBeFocused();
  await expect(switcher).toHaveAttribute("aria-expanded", "false");
  const projects = page.locator("[data-project]");
  await expect(projects).toHaveCount(3);
  for (const name of ["acme-web", "acme-api", "acme-worker"]) {
    await expect(page.locator(`[data-project]`).filter({ hasText: name }).first()).toBeVisible();
  }
  await expect(page.getByText("Pro", { exact: true }).first()).toBeVisible();
  // Usage cards with their level; a Pro team is never offered an upgrade.
  await expect(page.getByTestId("usage-card-traffic")).toHaveAttribute("data-level", "ok");
  await expect(page.getByTestId("usage-card-traffic")).toContainText(/Resets on/);
  await expect(page.getByTestId("upgrade-button")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Upgrade to Pro" })).toHaveCount(0);
});

test("bob opening /teams/acme gets the not-found page", async ({ page }) => {
  await signIn(page, BOB);
  const response = await page.goto("/teams/acme");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("acme-web")).toHaveCount(0);
});

test("a signed-out visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/teams/acme/settings");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("the language switch changes the UI text, and back", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Language").selectOption("fr");
  await expect(page.getByRole("button", { name: "Se connecter" })).toBeVisible();
  await expect(page.getByLabel("Mot de passe")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByLabel("Language").selectOption("en");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a wrong password says so and stays on sign-in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(CAROL);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form [role=alert]")).toContainText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("alice creates an API token in Settings, sees it once, uses it, then revokes it", async ({ page, request }) => {
  const name = `e2e script ${Date.now().toString(36)}`; // unique, so the test can be repeated on one database
  await signIn(page, ALICE);
  await page.goto("/teams/acme/settings");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const box = page.getByTestId("new-token");
  await expect(box).toContainText("Copy it now: it will not be shown again.");
  const token = (await box.locator("code").textContent())!.trim();
  expect(token).toMatch(/^pat_[A-Za-z0-9_-]{43}$/);

  const ok = await request.get("/api/trpc/teams.list", { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);

  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.locator("[data-token]").filter({ hasText: name })).toContainText("Revoked");

  const revoked = await request.get("/api/trpc/teams.list", { headers: { authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
});

test("a token created while the token list is still loading shows up in the list", async ({ page }) => {
  const name = `slow list ${Date.now().toString(36)}`;
  await signIn(page, ALICE);
  // The list's first load reads the database at once but its answer is held back until the token
  // is created: the order a slow network or a busy server gives. The page must not keep that answer.
  let created!: () => void;
  const tokenCreated = new Promise<void>((resolve) => (created = resolve));
  let read!: () => void;
  const listRead = new Promise<void>((resolve) => (read = resolve));
  let held = 0;
  await page.route(/\/api\/trpc\/[^?]*tokens\.list/, async (route) => {
    if (held++ > 0) return route.continue();
    const early = await route.fetch();
    read();
    await tokenCreated;
    await route.fulfill({ response: early });
  });
  page.on("response", (response) => {
    if (/\/api\/trpc\/[^?]*tokens\.create/.test(response.url())) created();
  });
  await page.goto("/teams/acme/settings");
  await page.getByLabel("Token name").fill(name);
  await listRead;
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();
  expect(held, "the list's first load was held back").toBeGreaterThan(0);
  await expect(page.locator("[data-token]").filter({ hasText: name })).toContainText("Active");
});
